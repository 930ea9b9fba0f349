package org.conditionalfeed.readers;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The reader report: totals and one row per reader over the report's window, built from the
 * stored sums by a pure function ({@link #of}). Immutable; serialized as the JSON view as it is.
 *
 * @param since the first day counted (UTC)
 * @param totals the figures over all readers
 * @param readers one row per reader, the most subscribers first
 */
public record ReaderReport(LocalDate since, Totals totals, List<Row> readers) {

    /**
     * @param requests feed requests counted
     * @param notModifiedShare the share of them answered {@code 304}
     * @param bytesSent body bytes sent
     * @param bytesSaved body bytes that conditional requests saved
     * @param estimatedSubscribers the sum of every reader's subscribers
     */
    public record Totals(long requests, double notModifiedShare, long bytesSent, long bytesSaved,
            long estimatedSubscribers) {
    }

    /**
     * @param reader product and version from the {@code User-Agent}
     * @param subscribers what it reported in its {@code User-Agent}, else its distinct addresses
     * @param subscribersReported whether {@code subscribers} is the reader's own count
     * @param requests its feed requests
     * @param conditionalShare the share that carried a validator
     * @param notModifiedShare the share answered {@code 304}
     * @param validatorsEchoed conditional requests whose validator this server had sent
     * @param validatorsMadeUp conditional requests whose validator this server never sent
     * @param medianIntervalSeconds the median time between two polls of a feed from one address; -1: unknown
     * @param tooManyRequests requests answered {@code 429}
     * @param waitedAsTold requests after a {@code 429} that came no sooner than {@code Retry-After}
     * @param cameTooSoon requests after a {@code 429} that came sooner
     * @param honoursRetryAfter whether it waits as told; {@code null} when it was never told
     * @param bytesSent body bytes sent to it
     * @param bytesWithoutConditional what the same requests would have cost without validators
     * @param lastSeen its latest request
     */
    public record Row(String reader, long subscribers, boolean subscribersReported, long requests,
            double conditionalShare, double notModifiedShare, long validatorsEchoed, long validatorsMadeUp,
            long medianIntervalSeconds, long tooManyRequests, long waitedAsTold, long cameTooSoon,
            Boolean honoursRetryAfter, long bytesSent, long bytesWithoutConditional, Instant lastSeen) {

        /** Whether it sent any validator this server never sent. */
        public boolean makesUpValidators() {
            return validatorsMadeUp > 0;
        }

        public long bytesSaved() {
            return Math.max(0, bytesWithoutConditional - bytesSent);
        }
    }

    static ReaderReport of(LocalDate since, List<ReaderStatsStore.Sums> sums, Map<String, Long> reported,
            Map<String, Long> addresses) {
        List<Row> rows = new ArrayList<>(sums.size());
        long requests = 0;
        long notModified = 0;
        long sent = 0;
        long saved = 0;
        long subscribers = 0;
        for (ReaderStatsStore.Sums sum : sums) {
            Long own = reported.get(sum.reader());
            long count = own != null ? own : addresses.getOrDefault(sum.reader(), 0L);
            long readerRequests = sum.get("requests");
            long waited = sum.get("waited");
            long tooSoon = sum.get("ignored_wait");
            Row row = new Row(sum.reader(), count, own != null, readerRequests,
                    share(sum.get("conditional"), readerRequests), share(sum.get("not_modified"), readerRequests),
                    sum.get("echoed"), sum.get("made_up"), IntervalBuckets.medianSeconds(sum.intervals()),
                    sum.get("too_many"), waited, tooSoon, waited + tooSoon == 0 ? null : tooSoon == 0,
                    sum.get("bytes_sent"), sum.get("bytes_full"), sum.lastSeen());
            rows.add(row);
            requests += readerRequests;
            notModified += sum.get("not_modified");
            sent += row.bytesSent();
            saved += row.bytesSaved();
            subscribers += count;
        }
        rows.sort(Comparator.comparingLong(Row::subscribers).reversed()
                .thenComparing(Comparator.comparingLong(Row::requests).reversed())
                .thenComparing(Row::reader));
        return new ReaderReport(since, new Totals(requests, share(notModified, requests), sent, saved, subscribers),
                List.copyOf(rows));
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
