package org.conditionalfeed.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.conditionalfeed.admin.ClientFailures.Verdict;
import org.conditionalfeed.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reserve, then check: the throttle's pure core as tables, and its sequences on one thread. */
class LoginThrottleTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final int CHECKED_AT_MOST = LoginThrottle.FREE_FAILURES + 1;

    private final TestClock clock = TestClock.stoppedAt(NOW);
    private final LoginThrottle throttle = new LoginThrottle(clock, Duration.ZERO);

    @ParameterizedTest(name = "[{index}] {0} failures, {1} in flight, locked {2} s, quiet {3} s: {4}")
    @CsvSource({
        // failures, reserved, locked for (s), since last failure (s), verdict
        "0,  0, 0, 0,   CHECK",
        "0,  5, 0, 0,   CHECK",
        "0,  6, 0, 0,   WAIT",
        "3,  2, 0, 0,   CHECK",
        "3,  3, 0, 0,   WAIT",
        "5,  0, 0, 0,   CHECK",
        "5,  1, 0, 0,   WAIT",
        "6,  0, 1, 0,   LOCKED",
        "6,  3, 1, 0,   LOCKED",
        "6,  0, 0, 1,   CHECK",
        "6,  1, 0, 1,   WAIT",
        "12, 0, 300, 0, LOCKED",
        "12, 1, 0, 900, WAIT",
        "12, 5, 0, 901, CHECK",
        "12, 6, 0, 901, WAIT",
    })
    void verdictForOneMoreAttempt(int failures, int reserved, int lockedSeconds, int quietSeconds, Verdict expected) {
        ClientFailures state = new ClientFailures(failures, reserved, NOW.minusSeconds(quietSeconds),
                NOW.plusSeconds(lockedSeconds));
        assertEquals(expected, state.verdict(NOW));
    }

    @ParameterizedTest(name = "[{index}] failure {0}: locked {1} s")
    @CsvSource({"1, 0", "5, 0", "6, 1", "7, 2", "8, 4", "13, 128", "14, 256", "15, 300", "16, 300", "1000, 300"})
    void lockoutDoublesAfterTheFreeFailuresUpToTheCap(int failure, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), ClientFailures.lockout(failure));
    }

    @ParameterizedTest(name = "[{index}] {0} wrong guesses at once")
    @ValueSource(ints = {1, 5, 6, 7, 100, 10_000})
    void simultaneousGuessesAreCheckedOnlyWhileFailuresAreFree(int guesses) {
        ClientFailures state = ClientFailures.NONE;
        int checked = 0;
        for (int i = 0; i < guesses && state.verdict(NOW) == Verdict.CHECK; i++) {
            state = state.reserve(NOW);
            checked++;
        }
        assertEquals(Math.min(guesses, CHECKED_AT_MOST), checked);
        for (int i = 0; i < checked; i++) {
            state = state.failed(NOW);
        }
        Verdict rest = state.verdict(NOW);
        assertEquals(guesses > LoginThrottle.FREE_FAILURES ? Verdict.LOCKED : Verdict.CHECK, rest,
                "the guesses that waited meet a lockout");
    }

    @Test
    void afterTheLockoutOneAttemptAtATimeIsChecked() {
        ClientFailures state = ClientFailures.NONE;
        for (int i = 0; i < CHECKED_AT_MOST; i++) {
            state = state.reserve(NOW).failed(NOW);
        }
        Instant later = NOW.plusSeconds(1);
        assertEquals(Verdict.CHECK, state.verdict(later));
        state = state.reserve(later);
        assertEquals(Verdict.WAIT, state.verdict(later));
        state = state.failed(later);
        assertEquals(Duration.ofSeconds(2), state.lockedFor(later));
    }

    @Test
    void successForgetsFailuresAndLockout() {
        ClientFailures state = ClientFailures.NONE;
        for (int i = 0; i < CHECKED_AT_MOST; i++) {
            state = state.reserve(NOW);
        }
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            state = state.failed(NOW);
        }
        state = state.succeeded();
        assertEquals(new ClientFailures(0, 0, NOW, Instant.EPOCH), state);
        assertEquals(Verdict.CHECK, state.verdict(NOW));
    }

    @Test
    void anAttemptNotCheckedIsNotCounted() {
        ClientFailures state = ClientFailures.NONE.reserve(NOW).abandoned();
        assertEquals(ClientFailures.NONE, state);
    }

    @Test
    void freeFailuresAreAnsweredThenTheClientIsLockedOut() {
        for (int i = 0; i < CHECKED_AT_MOST; i++) {
            fail("10.0.0.1");
        }
        LoginThrottle.Refused refused = assertInstanceOf(LoginThrottle.Refused.class, throttle.reserve("10.0.0.1"));
        assertEquals(Duration.ofSeconds(1), refused.retryAfter());
    }

    @Test
    void lockoutEndsSoTheAdministratorIsNeverLockedOutForever() {
        for (int i = 0; i < 30; i++) {
            if (throttle.reserve("10.0.0.1") instanceof LoginThrottle.Reservation reservation) {
                reservation.failed();
            }
            clock.advance(LoginThrottle.MAX_LOCKOUT);
        }
        LoginThrottle.Reservation reservation = assertInstanceOf(LoginThrottle.Reservation.class,
                throttle.reserve("10.0.0.1"));
        reservation.succeeded();
        assertInstanceOf(LoginThrottle.Reservation.class, throttle.reserve("10.0.0.1"));
    }

    @Test
    void otherClientsAreNotAffected() {
        for (int i = 0; i < CHECKED_AT_MOST; i++) {
            fail("10.0.0.1");
        }
        assertInstanceOf(LoginThrottle.Refused.class, throttle.reserve("10.0.0.1"));
        assertInstanceOf(LoginThrottle.Reservation.class, throttle.reserve("10.0.0.2"));
    }

    @Test
    void quietTimeForgetsFailuresAndTheRecord() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            fail("10.0.0.3");
        }
        clock.advance(LoginThrottle.FORGET_AFTER.plusSeconds(1));
        assertEquals(0, throttle.size(), "the record is dropped");
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            fail("10.0.0.3");
        }
        assertInstanceOf(LoginThrottle.Reservation.class, throttle.reserve("10.0.0.3"));
    }

    @Test
    void remembersABoundedNumberOfClients() {
        for (int i = 0; i < LoginThrottle.MAX_CLIENTS + 500; i++) {
            fail("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        }
        assertTrue(throttle.size() <= LoginThrottle.MAX_CLIENTS, "remembered " + throttle.size());
    }

    @Test
    void aClosedReservationWithoutOutcomeIsNotCounted() {
        for (int i = 0; i < 20; i++) {
            LoginThrottle.Reservation reservation = assertInstanceOf(LoginThrottle.Reservation.class,
                    throttle.reserve("10.0.0.4"));
            reservation.close();
        }
        assertInstanceOf(LoginThrottle.Reservation.class, throttle.reserve("10.0.0.4"));
    }

    private void fail(String client) {
        try (LoginThrottle.Reservation reservation = assertInstanceOf(LoginThrottle.Reservation.class,
                throttle.reserve(client))) {
            reservation.failed();
        }
    }
}
