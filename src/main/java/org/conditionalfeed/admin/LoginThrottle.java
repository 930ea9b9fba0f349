package org.conditionalfeed.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing, per client address. The first {@link #FREE_FAILURES} failures
 * cost nothing extra; after that each further failure locks that client out for twice as long as
 * the one before, up to {@link #MAX_LOCKOUT}. A success, or {@link #FORGET_AFTER} without a
 * failure, clears the record. The administrator is never locked out for longer than
 * {@link #MAX_LOCKOUT}, and a guesser elsewhere does not lock the administrator out at all.
 *
 * <p>Thread-safe. Holds at most {@link #MAX_CLIENTS} records, forgetting the oldest first.
 */
public final class LoginThrottle {

    static final int FREE_FAILURES = 5;
    static final Duration MAX_LOCKOUT = Duration.ofMinutes(5);
    static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    static final int MAX_CLIENTS = 10_000;

    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    private record Failures(int count, Instant last, Instant lockedUntil) {
    }

    /** How long {@code client} must still wait before its next attempt, if it must. */
    public Optional<Duration> lockedFor(String client) {
        Failures record = failures.get(client);
        Instant now = clock.instant();
        if (record == null || !record.lockedUntil().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, record.lockedUntil()));
    }

    /** Records a failed attempt by {@code client}. */
    public void failed(String client) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_CLIENTS) {
            evictOldest();
        }
        failures.compute(client, (key, previous) -> {
            int count = previous == null || previous.last().plus(FORGET_AFTER).isBefore(now) ? 1 : previous.count() + 1;
            Instant lockedUntil = now;
            if (count > FREE_FAILURES) {
                long seconds = 1L << Math.min(20, count - FREE_FAILURES - 1);
                lockedUntil = now.plus(Duration.ofSeconds(seconds).compareTo(MAX_LOCKOUT) > 0 ? MAX_LOCKOUT
                        : Duration.ofSeconds(seconds));
            }
            return new Failures(count, now, lockedUntil);
        });
    }

    /** Records a successful login by {@code client}. */
    public void succeeded(String client) {
        failures.remove(client);
    }

    private void evictOldest() {
        Instant now = clock.instant();
        failures.values().removeIf(record -> record.last().plus(FORGET_AFTER).isBefore(now));
        Iterator<Map.Entry<String, Failures>> oldest = failures.entrySet().stream()
                .sorted(Map.Entry.comparingByValue((a, b) -> a.last().compareTo(b.last())))
                .limit(Math.max(1, failures.size() - MAX_CLIENTS + 1)).toList().iterator();
        while (oldest.hasNext()) {
            failures.remove(oldest.next().getKey());
        }
    }
}
