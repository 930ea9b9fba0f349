package org.conditionalfeed.readers;

import java.time.Instant;
import java.util.Arrays;

/**
 * One reader's counts since the last flush, in memory. Counting allocates nothing; the address
 * fingerprints are kept in a small open-addressing set of at most {@value #MAX_ADDRESSES}.
 * Once {@link #retire() retired} it refuses new counts, so a tally taken out of the table after
 * its last flush never loses one.
 *
 * <p>Thread-safe: every method holds the tally's lock briefly.
 */
final class ReaderTally {

    /** The most distinct addresses remembered per reader and interval. */
    static final int MAX_ADDRESSES = 256;
    private static final int SLOTS = MAX_ADDRESSES * 2;

    private final String reader;
    private long requests;
    private long conditional;
    private long notModified;
    private long echoed;
    private long madeUp;
    private long tooMany;
    private long waited;
    private long ignoredWait;
    private long bytesSent;
    private long bytesFull;
    private long subscribers = -1;
    private long lastSeenMillis;
    private final long[] intervals = new long[IntervalBuckets.COUNT];
    private final long[] addressSlots = new long[SLOTS];
    private int addressCount;
    private boolean retired;

    ReaderTally(String reader) {
        this.reader = reader;
    }

    /**
     * Counts one request; false when this tally is retired and the caller must use a new one.
     *
     * @param intervalMillis since the same reader's previous poll of the same feed; -1 when none is known
     * @param afterRefusal 0: no {@code 429} was pending; 1: it waited as told; -1: it came too soon
     */
    synchronized boolean count(boolean isConditional, int status, ValidatorMemory.Echo echo, long intervalMillis,
            int afterRefusal, long sent, long full, long reportedSubscribers, long nowMillis, long address) {
        if (retired) {
            return false;
        }
        requests++;
        if (isConditional) {
            conditional++;
        }
        if (status == 304) {
            notModified++;
        } else if (status == 429) {
            tooMany++;
        }
        if (echo == ValidatorMemory.Echo.ECHOED) {
            echoed++;
        } else if (echo == ValidatorMemory.Echo.MADE_UP) {
            madeUp++;
        }
        if (afterRefusal > 0) {
            waited++;
        } else if (afterRefusal < 0) {
            ignoredWait++;
        }
        if (intervalMillis >= 0) {
            intervals[IntervalBuckets.of(intervalMillis)]++;
        }
        bytesSent += sent;
        bytesFull += full;
        subscribers = Math.max(subscribers, reportedSubscribers);
        lastSeenMillis = Math.max(lastSeenMillis, nowMillis);
        addAddress(address == 0 ? 1 : address);
        return true;
    }

    private void addAddress(long address) {
        if (addressCount >= MAX_ADDRESSES) {
            return;
        }
        int slot = (int) (address ^ (address >>> 32)) & (SLOTS - 1);
        while (addressSlots[slot] != 0) {
            if (addressSlots[slot] == address) {
                return;
            }
            slot = (slot + 1) & (SLOTS - 1);
        }
        addressSlots[slot] = address;
        addressCount++;
    }

    /** The counts so far, which start again from zero; {@code null} when nothing was counted. */
    synchronized ReaderDelta drain() {
        if (requests == 0) {
            return null;
        }
        long[] addresses = new long[addressCount];
        int next = 0;
        for (long address : addressSlots) {
            if (address != 0) {
                addresses[next++] = address;
            }
        }
        ReaderDelta delta = new ReaderDelta(reader, requests, conditional, notModified, echoed, madeUp, tooMany, waited,
                ignoredWait, bytesSent, bytesFull, subscribers, Instant.ofEpochMilli(lastSeenMillis), intervals.clone(),
                addresses);
        requests = conditional = notModified = echoed = madeUp = tooMany = waited = ignoredWait = 0;
        bytesSent = bytesFull = 0;
        subscribers = -1;
        Arrays.fill(intervals, 0);
        Arrays.fill(addressSlots, 0);
        addressCount = 0;
        return delta;
    }

    /** Refuses further counts if nothing is pending; true when retired. */
    synchronized boolean retire() {
        if (requests == 0) {
            retired = true;
        }
        return retired;
    }
}
