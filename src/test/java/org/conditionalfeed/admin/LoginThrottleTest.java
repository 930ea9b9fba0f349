package org.conditionalfeed.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void firstFailuresAreFree() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed("10.0.0.1");
        }
        assertEquals(Optional.empty(), throttle.lockedFor("10.0.0.1"));
    }

    @Test
    void lockoutDoublesWithEachFurtherFailureUpToTheCap() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed("10.0.0.1");
        }
        long[] expectedSeconds = {1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300};
        for (long expected : expectedSeconds) {
            throttle.failed("10.0.0.1");
            assertEquals(Optional.of(Duration.ofSeconds(expected)), throttle.lockedFor("10.0.0.1"));
        }
    }

    @Test
    void lockoutEndsSoTheAdministratorIsNeverLockedOutForever() {
        for (int i = 0; i < 30; i++) {
            throttle.failed("10.0.0.1");
        }
        assertTrue(throttle.lockedFor("10.0.0.1").isPresent());
        clock.advance(LoginThrottle.MAX_LOCKOUT);
        assertEquals(Optional.empty(), throttle.lockedFor("10.0.0.1"));
    }

    @Test
    void otherClientsAreNotAffected() {
        for (int i = 0; i < 30; i++) {
            throttle.failed("10.0.0.1");
        }
        assertEquals(Optional.empty(), throttle.lockedFor("10.0.0.2"));
    }

    @Test
    void successAndQuietTimeForgetFailures() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed("10.0.0.1");
        }
        throttle.succeeded("10.0.0.1");
        throttle.failed("10.0.0.1");
        assertEquals(Optional.empty(), throttle.lockedFor("10.0.0.1"));

        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed("10.0.0.3");
        }
        clock.advance(LoginThrottle.FORGET_AFTER.plusSeconds(1));
        throttle.failed("10.0.0.3");
        assertEquals(Optional.empty(), throttle.lockedFor("10.0.0.3"));
    }
}
