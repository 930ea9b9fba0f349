package org.conditionalfeed.admin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Slows down password guessing, per client address. Reserve, then check: {@link #reserve} counts
 * an attempt as failed before its password is checked, and only a success takes that back, so
 * however many attempts arrive at once, at most {@link #FREE_FAILURES}{@code + 1} of them are ever
 * checked before the client is locked out, and after that one per lockout. An attempt beyond the
 * free ones while others are still being checked waits for them (up to a few seconds) and is then
 * checked or refused; a locked-out client is refused at once, unchecked.
 *
 * <p>The first {@link #FREE_FAILURES} failures cost nothing extra; each further failure locks
 * the client out for twice as long as the one before, from 1 s up to {@link #MAX_LOCKOUT}. A
 * success, or {@link #FORGET_AFTER} without a failure, clears the record. The administrator is
 * never locked out for longer than {@link #MAX_LOCKOUT}, and a guesser at another address does
 * not lock the administrator out at all.
 *
 * <p>Thread-safe. Holds at most {@link #MAX_CLIENTS} records (Caffeine's size bound; the least
 * useful go first) and drops a record {@link #FORGET_AFTER} after its last use.
 */
public final class LoginThrottle {

    static final int FREE_FAILURES = 5;
    static final Duration MAX_LOCKOUT = Duration.ofMinutes(5);
    static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    static final int MAX_CLIENTS = 10_000;
    /** How long an attempt waits for the checks ahead of it before it is refused. */
    static final Duration PATIENCE = Duration.ofSeconds(10);
    /** The {@code Retry-After} of an attempt that waited in vain. */
    private static final Duration BUSY_RETRY = Duration.ofSeconds(1);

    private final Clock clock;
    private final Duration patience;
    private final Cache<String, Gate> clients;

    public LoginThrottle(Clock clock) {
        this(clock, PATIENCE);
    }

    LoginThrottle(Clock clock, Duration patience) {
        this.clock = clock;
        this.patience = patience;
        this.clients = Caffeine.newBuilder()
                .maximumSize(MAX_CLIENTS)
                .expireAfterAccess(FORGET_AFTER)
                .ticker(() -> {
                    Instant now = clock.instant();
                    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
                })
                // Housekeeping on the calling thread: no pool thread outlives a deployed WAR.
                .executor(Runnable::run)
                .build();
    }

    /** The answer to one attempt: check it under a {@link Reservation}, or refuse it unchecked. */
    public sealed interface Admission permits Reservation, Refused {
    }

    /** Refused unchecked: the client may try again after {@code retryAfter}. */
    public record Refused(Duration retryAfter) implements Admission {
    }

    /**
     * Admits one attempt by {@code client}, counting it as failed until the returned reservation
     * says otherwise, or refuses it. May wait up to a few seconds while the client's earlier
     * attempts are being checked.
     */
    public Admission reserve(String client) {
        Gate gate = clients.get(client, key -> new Gate());
        long deadline = System.nanoTime() + patience.toNanos();
        synchronized (gate) {
            while (true) {
                Instant now = clock.instant();
                switch (gate.state.verdict(now)) {
                    case CHECK -> {
                        gate.state = gate.state.reserve(now);
                        return new Reservation(this, gate);
                    }
                    case LOCKED -> {
                        return new Refused(gate.state.lockedFor(now));
                    }
                    case WAIT -> {
                        long remaining = deadline - System.nanoTime();
                        if (remaining <= 0) {
                            return new Refused(BUSY_RETRY);
                        }
                        try {
                            gate.wait(Math.max(1, remaining / 1_000_000));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return new Refused(BUSY_RETRY);
                        }
                    }
                    default -> throw new IllegalStateException("unknown verdict");
                }
            }
        }
    }

    /** How many clients are remembered now (for tests). */
    long size() {
        clients.cleanUp();
        return clients.estimatedSize();
    }

    private Instant now() {
        return clock.instant();
    }

    /** One client's record, guarded by its own monitor; waiting attempts wait on it. */
    private static final class Gate {
        private ClientFailures state = ClientFailures.NONE;
    }

    /**
     * One admitted attempt, counted as a failure until {@link #succeeded()}. Exactly one outcome
     * counts; {@link #close()} without one means the attempt was not checked after all.
     */
    public static final class Reservation implements Admission, AutoCloseable {

        private final LoginThrottle throttle;
        private final Gate gate;
        private boolean settled;

        private Reservation(LoginThrottle throttle, Gate gate) {
            this.throttle = throttle;
            this.gate = gate;
        }

        /** The password was right: the client's failures and lockout are forgotten. */
        public void succeeded() {
            synchronized (gate) {
                settle(gate.state.succeeded());
            }
        }

        /** The password was wrong: the failure stays counted, and may lock the client out. */
        public void failed() {
            synchronized (gate) {
                settle(gate.state.failed(throttle.now()));
            }
        }

        /** Releases the reservation uncounted unless {@link #succeeded()} or {@link #failed()} came first. */
        @Override
        public void close() {
            synchronized (gate) {
                settle(gate.state.abandoned());
            }
        }

        private void settle(ClientFailures next) {
            if (!settled) {
                settled = true;
                gate.state = next;
                gate.notifyAll();
            }
        }
    }
}
