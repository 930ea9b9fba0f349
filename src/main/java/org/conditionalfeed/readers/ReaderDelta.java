package org.conditionalfeed.readers;

import java.time.Instant;

/**
 * What one reader did in one counting interval, ready to be added to its day's row.
 *
 * @param reader the reader's name ({@link ReaderAgent#name()})
 * @param requests feed requests
 * @param conditional those that carried a validator
 * @param notModified those answered {@code 304}
 * @param echoed conditional requests whose validator this server had sent
 * @param madeUp conditional requests whose validator this server never sent
 * @param tooMany requests answered {@code 429}
 * @param waited requests that came after a {@code 429} no sooner than its {@code Retry-After}
 * @param ignoredWait requests that came after a {@code 429} sooner than its {@code Retry-After}
 * @param bytesSent body bytes sent
 * @param bytesFull body bytes an unconditional request would have cost
 * @param subscribers the largest subscriber count the reader reported; -1: none
 * @param lastSeen its latest request
 * @param intervals intervals between its polls, per {@link IntervalBuckets} bucket
 * @param addresses fingerprints of the addresses it came from (at most a few hundred per interval)
 */
record ReaderDelta(String reader, long requests, long conditional, long notModified, long echoed, long madeUp,
        long tooMany, long waited, long ignoredWait, long bytesSent, long bytesFull, long subscribers,
        Instant lastSeen, long[] intervals, long[] addresses) {
}
