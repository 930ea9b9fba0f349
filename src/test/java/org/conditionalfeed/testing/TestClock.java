package org.conditionalfeed.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock a test moves forward by hand: either stopped at a given instant, or running with
 * the system clock, {@link #advance advanced} on top. Thread-safe.
 */
public final class TestClock extends Clock {

    private final Clock base;
    private volatile Duration offset = Duration.ZERO;

    private TestClock(Clock base) {
        this.base = base;
    }

    /** Stopped at {@code instant} until advanced. */
    public static TestClock stoppedAt(Instant instant) {
        return new TestClock(Clock.fixed(instant, ZoneOffset.UTC));
    }

    /** The system's UTC clock, which a test may advance. */
    public static TestClock running() {
        return new TestClock(Clock.systemUTC());
    }

    public synchronized void advance(Duration duration) {
        offset = offset.plus(duration);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
