package org.conditionalfeed.websub;

import java.time.Duration;

/**
 * When to try a failed ping again: {@code first} after the first failure, twice as long after
 * each further one, never longer than {@code longest}; after {@code attempts} failures the ping
 * is given up. A pure function; immutable and thread-safe.
 *
 * @param first the wait after the first failure
 * @param longest the longest wait
 * @param attempts how many sends are tried in all before the ping is given up
 */
record Backoff(Duration first, Duration longest, int attempts) {

    /** 30 s, 1 min, 2 min, … up to an hour between tries, about 11 hours in all. */
    static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), 18);

    /** The wait after the {@code failures}-th failure (1 for the first). */
    Duration after(int failures) {
        long millis = first.toMillis();
        for (int i = 1; i < failures && millis < longest.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, longest.toMillis()));
    }

    /** Whether a ping that failed {@code failures} times is given up. */
    boolean exhausted(int failures) {
        return failures >= attempts;
    }
}
