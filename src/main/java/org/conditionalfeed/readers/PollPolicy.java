package org.conditionalfeed.readers;

/**
 * Whether a reader may have the feed now, from its history: a pure function of (the policy, the
 * reader's history, whether it sent validators, the time). Immutable and thread-safe.
 *
 * <ul>
 * <li>A reader's first request is always answered, and so are the next ones up to {@link #BURST}
 *     requests in all within {@link #BURST_WINDOW_MILLIS} of the first: subscribing, many readers
 *     fetch the feed two or three times in a row.
 * <li>After that, a reader is answered when at least {@code minPoll} has passed since the last
 *     request it was answered, or {@code minUnconditionalPoll} when this request carries no
 *     validators (that interval is never shorter than {@code minPoll}). Otherwise it gets
 *     {@code 429} with the whole seconds until it may: waiting that long always suffices.
 * <li>A refused request does not restart the wait, so a reader that ignores {@code Retry-After}
 *     and polls at a fixed interval is still answered on the first poll after each interval.
 * </ul>
 *
 * @param minPollMillis the shortest interval between answered requests; 0: no limit
 * @param minUnconditionalPollMillis the same for a request without validators; 0: {@code minPollMillis}
 */
public record PollPolicy(long minPollMillis, long minUnconditionalPollMillis) {

    /** Requests answered in a row at a reader's first contact. */
    public static final int BURST = 3;
    /** How long after a reader's first request its burst may last. */
    public static final long BURST_WINDOW_MILLIS = 10_000;

    /** The policy of these settings, in seconds; 0 turns a limit off. */
    public static PollPolicy ofSeconds(int minPollSeconds, int minUnconditionalPollSeconds) {
        return new PollPolicy(minPollSeconds * 1000L, minUnconditionalPollSeconds * 1000L);
    }

    /** Whether the policy limits anything at all. */
    public boolean active() {
        return minPollMillis > 0 || minUnconditionalPollMillis > 0;
    }

    /** How long a reader's history matters after its last answered request. */
    public long memoryMillis() {
        return Math.max(Math.max(minPollMillis, minUnconditionalPollMillis), BURST_WINDOW_MILLIS);
    }

    /**
     * What a reader has been answered.
     *
     * @param firstMillis when its first remembered request came
     * @param answered how many of its requests were answered since then
     * @param lastAnsweredMillis when it was last answered
     */
    public record History(long firstMillis, int answered, long lastAnsweredMillis) {
    }

    /**
     * The decision on one request.
     *
     * @param history the reader's history after this request
     * @param retryAfterSeconds 0 when the request is answered, else the whole seconds after
     *     which it would be
     * @param sinceLastMillis how long since the reader was last answered; -1 at first contact
     */
    public record Verdict(History history, long retryAfterSeconds, long sinceLastMillis) {

        public boolean allowed() {
            return retryAfterSeconds == 0;
        }
    }

    /**
     * Decides on a request at {@code nowMillis}.
     *
     * @param history the reader's history, {@code null} when none is remembered
     * @param conditional whether the request carries validators
     */
    public Verdict decide(History history, boolean conditional, long nowMillis) {
        if (history == null) {
            return new Verdict(new History(nowMillis, 1, nowMillis), 0, -1);
        }
        // A clock that stepped back counts as no time passed, never as a longer wait.
        long since = Math.max(0, nowMillis - history.lastAnsweredMillis());
        boolean inBurst = history.answered() < BURST && nowMillis - history.firstMillis() < BURST_WINDOW_MILLIS;
        long required = conditional ? minPollMillis : Math.max(minPollMillis, minUnconditionalPollMillis);
        if (inBurst || since >= required) {
            return new Verdict(new History(history.firstMillis(), saturatedIncrement(history.answered()), nowMillis),
                    0, since);
        }
        long waitMillis = required - since;
        return new Verdict(history, (waitMillis + 999) / 1000, since);
    }

    private static int saturatedIncrement(int count) {
        return count == Integer.MAX_VALUE ? count : count + 1;
    }
}
