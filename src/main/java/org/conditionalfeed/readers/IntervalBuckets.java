package org.conditionalfeed.readers;

/**
 * The intervals between a reader's polls, counted in buckets that add up across flushes and
 * instances (a median does not): bucket {@code i} holds intervals shorter than
 * {@code UPPER_SECONDS[i]} and at least the bound before it; the last holds all longer ones.
 * The median is read from the counts, interpolated within its bucket on a logarithmic scale.
 * Pure functions; thread-safe.
 */
final class IntervalBuckets {

    /** Upper bounds in seconds: 5 s, 15 s, 30 s, 1, 2, 5, 10, 15, 30 min, 1, 2, 4, 6, 12 h, 1 day, then more. */
    static final long[] UPPER_SECONDS = {5, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400, 21_600, 43_200,
        86_400};
    static final int COUNT = UPPER_SECONDS.length + 1;

    private IntervalBuckets() {
    }

    /** The bucket of an interval. */
    static int of(long millis) {
        long seconds = millis / 1000;
        for (int i = 0; i < UPPER_SECONDS.length; i++) {
            if (seconds < UPPER_SECONDS[i]) {
                return i;
            }
        }
        return UPPER_SECONDS.length;
    }

    /** The median interval in seconds, estimated from the bucket counts; -1 when there is none. */
    static long medianSeconds(long[] counts) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        if (total == 0) {
            return -1;
        }
        double half = total / 2.0;
        long below = 0;
        for (int i = 0; i < counts.length; i++) {
            if (below + counts[i] >= half && counts[i] > 0) {
                double lower = i == 0 ? 1 : UPPER_SECONDS[i - 1];
                double upper = i < UPPER_SECONDS.length ? UPPER_SECONDS[i] : lower * 2;
                double fraction = (half - below) / counts[i];
                return Math.round(lower * Math.pow(upper / lower, fraction));
            }
            below += counts[i];
        }
        return UPPER_SECONDS[UPPER_SECONDS.length - 1];
    }
}
