package org.conditionalfeed.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The throttle on many threads at once, as a burst of requests reaches it. */
class LoginThrottleConcurrencyTest {

    private static final int THREADS = 100;

    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stop() throws InterruptedException {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    void aBurstOfWrongGuessesIsCheckedOnlyWhileFailuresAreFree() throws Exception {
        LoginThrottle throttle = new LoginThrottle(Clock.systemUTC());
        List<LoginThrottle.Admission> admissions = burst(throttle, reservation -> {
            pause();
            reservation.failed();
        });
        long checked = admissions.stream().filter(LoginThrottle.Reservation.class::isInstance).count();
        assertEquals(LoginThrottle.FREE_FAILURES + 1, checked);
        for (LoginThrottle.Admission admission : admissions) {
            if (admission instanceof LoginThrottle.Refused refused) {
                assertTrue(refused.retryAfter().compareTo(Duration.ZERO) > 0, "Retry-After " + refused.retryAfter());
            }
        }
    }

    @Test
    void aBurstOfRightPasswordsIsCheckedInFull() throws Exception {
        LoginThrottle throttle = new LoginThrottle(Clock.systemUTC());
        List<LoginThrottle.Admission> admissions = burst(throttle, reservation -> {
            pause();
            reservation.succeeded();
        });
        for (LoginThrottle.Admission admission : admissions) {
            assertInstanceOf(LoginThrottle.Reservation.class, admission, "waited for its turn, then checked");
        }
    }

    @Test
    void anAttemptThatWaitsInVainIsRefused() {
        LoginThrottle throttle = new LoginThrottle(Clock.systemUTC(), Duration.ofMillis(50));
        for (int i = 0; i <= LoginThrottle.FREE_FAILURES; i++) {
            assertInstanceOf(LoginThrottle.Reservation.class, throttle.reserve("10.0.0.1"));
        }
        LoginThrottle.Refused refused = assertInstanceOf(LoginThrottle.Refused.class, throttle.reserve("10.0.0.1"));
        assertEquals(Duration.ofSeconds(1), refused.retryAfter());
    }

    /** {@link #THREADS} attempts by one client released at the same instant; each checked one decided by {@code check}. */
    private List<LoginThrottle.Admission> burst(LoginThrottle throttle, Consumer<LoginThrottle.Reservation> check)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<LoginThrottle.Admission>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            futures.add(threads.submit(() -> {
                start.await();
                LoginThrottle.Admission admission = throttle.reserve("203.0.113.9");
                if (admission instanceof LoginThrottle.Reservation reservation) {
                    check.accept(reservation);
                }
                return admission;
            }));
        }
        start.countDown();
        List<LoginThrottle.Admission> admissions = new ArrayList<>();
        for (Future<LoginThrottle.Admission> future : futures) {
            admissions.add(future.get(30, TimeUnit.SECONDS));
        }
        return admissions;
    }

    /** As long as a password check takes, roughly. */
    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
