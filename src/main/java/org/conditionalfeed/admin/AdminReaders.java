package org.conditionalfeed.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.conditionalfeed.readers.ReaderReport;

/**
 * The reader report as a page of the administrator's web UI ({@code /admin/readers}, template
 * {@code admin/readers.jte}): the totals, then one row per reader, every figure formatted for
 * reading on a phone as well as on a desk. The figures are those of the JSON view.
 *
 * <p>Thread-safe: holds only the report's source.
 */
public final class AdminReaders {

    private final Optional<Supplier<ReaderReport>> reports;

    /** @param reports the current reader report; empty when readers are not counted */
    public AdminReaders(Optional<Supplier<ReaderReport>> reports) {
        this.reports = reports;
    }

    /** The page's figures, ready to print. */
    record ReadersPage(AdminPages.Frame frame, boolean counting, String since, String requests,
            String notModifiedShare, String bytesSaved, String subscribers, List<Row> rows) {
    }

    /** One reader's row, every figure as text. */
    record Row(String reader, String subscribers, String requests, String conditionalShare, String notModifiedShare,
            String validators, boolean makesUpValidators, String medianInterval, String retryAfter,
            boolean ignoresRetryAfter, String bytes, String lastSeen) {
    }

    ReadersPage page(AdminPages.Frame frame) {
        if (reports.isEmpty()) {
            return new ReadersPage(frame, false, "", "", "", "", "", List.of());
        }
        ReaderReport report = reports.get().get();
        List<Row> rows = new ArrayList<>(report.readers().size());
        for (ReaderReport.Row row : report.readers()) {
            rows.add(new Row(row.reader(),
                    row.subscribers() + (row.subscribersReported() ? " (its own count)" : " (addresses)"),
                    count(row.requests()), percent(row.conditionalShare()), percent(row.notModifiedShare()),
                    row.validatorsEchoed() + " echoed, " + row.validatorsMadeUp() + " made up",
                    row.makesUpValidators(), interval(row.medianIntervalSeconds()), retryAfter(row),
                    Boolean.FALSE.equals(row.honoursRetryAfter()),
                    bytes(row.bytesSent()) + " of " + bytes(row.bytesWithoutConditional()),
                    AdminPages.readable(row.lastSeen())));
        }
        return new ReadersPage(frame, true, report.since().toString(), count(report.totals().requests()),
                percent(report.totals().notModifiedShare()), bytes(report.totals().bytesSaved()),
                count(report.totals().estimatedSubscribers()), List.copyOf(rows));
    }

    private static String retryAfter(ReaderReport.Row row) {
        if (row.tooManyRequests() == 0) {
            return "never told to wait";
        }
        String verdict = row.honoursRetryAfter() == null ? "" : row.honoursRetryAfter() ? ", waits as told"
                : ", ignores Retry-After";
        return row.tooManyRequests() + " × 429: " + row.waitedAsTold() + " waited, " + row.cameTooSoon()
                + " too soon" + verdict;
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }

    static String bytes(long value) {
        if (value < 10_000) {
            return count(value) + " B";
        }
        if (value < 10_000_000) {
            return String.format(Locale.ROOT, "%.0f kB", value / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f MB", value / 1e6);
    }

    static String interval(long seconds) {
        if (seconds < 0) {
            return "–";
        }
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7_200) {
            return Math.round(seconds / 60.0) + " min";
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
    }
}
