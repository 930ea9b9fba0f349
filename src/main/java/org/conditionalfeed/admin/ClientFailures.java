package org.conditionalfeed.admin;

import java.time.Duration;
import java.time.Instant;

/**
 * One client's recent failed logins and the attempts it has in flight: the pure core of the
 * {@link LoginThrottle}. Every attempt is counted as a failure from the moment it is admitted
 * (reserved) until its check ends, so however many attempts arrive at once, no more are checked
 * than failures are still free: {@code FREE_FAILURES + 1} from a clean start, then one per
 * lockout.
 *
 * <p>An immutable value; each transition returns a new one.
 *
 * @param failures failed attempts since the last success, forgotten after
 *     {@link LoginThrottle#FORGET_AFTER} without one
 * @param reserved attempts admitted and not yet decided
 * @param lastFailure when the last failure was recorded
 * @param lockedUntil no attempt is admitted before this instant
 */
record ClientFailures(int failures, int reserved, Instant lastFailure, Instant lockedUntil) {

    /** A client with no history. */
    static final ClientFailures NONE = new ClientFailures(0, 0, Instant.EPOCH, Instant.EPOCH);

    /** What happens to one more attempt. */
    enum Verdict {
        /** Reserve it and check the password. */
        CHECK,
        /** As many attempts as failures are still free are being checked: wait for one to end. */
        WAIT,
        /** Refuse it unchecked until the lockout ends. */
        LOCKED
    }

    /** The verdict for one more attempt at {@code now}. */
    Verdict verdict(Instant now) {
        ClientFailures current = current(now);
        if (current.lockedUntil.isAfter(now)) {
            return Verdict.LOCKED;
        }
        return current.reserved < current.slots() ? Verdict.CHECK : Verdict.WAIT;
    }

    /** How long the lockout still lasts at {@code now}; zero when there is none. */
    Duration lockedFor(Instant now) {
        return lockedUntil.isAfter(now) ? Duration.between(now, lockedUntil) : Duration.ZERO;
    }

    /** One more attempt admitted, counted as a failure until it is decided. */
    ClientFailures reserve(Instant now) {
        ClientFailures current = current(now);
        return new ClientFailures(current.failures, current.reserved + 1, current.lastFailure, current.lockedUntil);
    }

    /** A reserved attempt had the right password: every failure and lockout is forgotten. */
    ClientFailures succeeded() {
        return new ClientFailures(0, released(), lastFailure, Instant.EPOCH);
    }

    /** A reserved attempt had the wrong password: it stays counted, and may lock the client out. */
    ClientFailures failed(Instant now) {
        ClientFailures current = current(now);
        int count = current.failures + 1;
        Instant until = current.lockedUntil;
        if (count > LoginThrottle.FREE_FAILURES) {
            Instant lockout = now.plus(lockout(count));
            until = lockout.isAfter(until) ? lockout : until;
        }
        return new ClientFailures(count, released(), now, until);
    }

    /** A reserved attempt was not checked after all (the check itself could not run). */
    ClientFailures abandoned() {
        return new ClientFailures(failures, released(), lastFailure, lockedUntil);
    }

    /**
     * The lockout after the {@code count}th failure: none for the free ones, then 1 s, doubling
     * with each further failure up to {@link LoginThrottle#MAX_LOCKOUT}.
     */
    static Duration lockout(int count) {
        if (count <= LoginThrottle.FREE_FAILURES) {
            return Duration.ZERO;
        }
        Duration doubled = Duration.ofSeconds(1L << Math.min(20, count - LoginThrottle.FREE_FAILURES - 1));
        return doubled.compareTo(LoginThrottle.MAX_LOCKOUT) > 0 ? LoginThrottle.MAX_LOCKOUT : doubled;
    }

    /** How many attempts may be in flight at once: the failures still free, and at least one. */
    private int slots() {
        return Math.max(1, LoginThrottle.FREE_FAILURES + 1 - failures);
    }

    private int released() {
        return Math.max(0, reserved - 1);
    }

    /** This record with failures forgotten after a quiet {@link LoginThrottle#FORGET_AFTER}. */
    private ClientFailures current(Instant now) {
        if (failures > 0 && lastFailure.plus(LoginThrottle.FORGET_AFTER).isBefore(now)) {
            return new ClientFailures(0, reserved, lastFailure, Instant.EPOCH);
        }
        return this;
    }
}
