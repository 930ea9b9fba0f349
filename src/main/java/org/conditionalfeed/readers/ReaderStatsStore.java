package org.conditionalfeed.readers;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.conditionalfeed.store.Timestamps;
import org.conditionalfeed.store.UniqueViolations;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.statement.Update;

/**
 * The reader statistics in the database: daily rows per reader ({@code reader_stats}) to which
 * every instance adds its counts, the addresses per reader and day ({@code reader_addresses}) and
 * the validators recently sent ({@code reader_validators}). Adding is portable: an
 * {@code UPDATE … SET n = n + :n}, and an {@code INSERT} when no row exists yet; an instance that
 * inserted the same row first makes the transaction start again, and then it updates.
 *
 * <p>Thread-safe.
 */
final class ReaderStatsStore {

    /** The summed columns, in the order of {@link #values(ReaderDelta)}. */
    private static final List<String> SUMS;
    private static final String UPDATE;
    private static final String INSERT;

    static {
        List<String> sums = new ArrayList<>(List.of("requests", "conditional", "not_modified", "echoed", "made_up",
                "too_many", "waited", "ignored_wait", "bytes_sent", "bytes_full"));
        for (int i = 0; i < IntervalBuckets.COUNT; i++) {
            sums.add(intervalColumn(i));
        }
        SUMS = List.copyOf(sums);
        StringBuilder update = new StringBuilder("UPDATE reader_stats SET ");
        for (String column : SUMS) {
            update.append(column).append(" = ").append(column).append(" + :").append(column).append(", ");
        }
        update.append("subscribers = CASE WHEN subscribers > :subscribers THEN subscribers ELSE :subscribers END, ")
                .append("last_seen = CASE WHEN last_seen > :last_seen THEN last_seen ELSE :last_seen END ")
                .append("WHERE utc_day = :day AND reader = :reader");
        UPDATE = update.toString();
        INSERT = "INSERT INTO reader_stats (utc_day, reader, subscribers, last_seen, " + String.join(", ", SUMS)
                + ") VALUES (:day, :reader, :subscribers, :last_seen, :" + String.join(", :", SUMS) + ")";
    }

    private final Jdbi jdbi;

    ReaderStatsStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    static String intervalColumn(int bucket) {
        return String.format("interval_%02d", bucket);
    }

    /** Adds the counts of one interval to the rows of {@code day}. */
    void add(LocalDate day, List<ReaderDelta> deltas, List<ValidatorMemory.Sent> validators, Instant now) {
        if (deltas.isEmpty() && validators.isEmpty()) {
            return;
        }
        retryingOnce(handle -> {
            for (ReaderDelta delta : deltas) {
                addRow(handle, day, delta);
                for (long address : delta.addresses()) {
                    handle.createUpdate("INSERT INTO reader_addresses (utc_day, reader, address) SELECT :day, :reader, "
                            + ":address WHERE NOT EXISTS (SELECT 1 FROM reader_addresses WHERE utc_day = :day "
                            + "AND reader = :reader AND address = :address)")
                            .bind("day", day).bind("reader", delta.reader()).bind("address", address).execute();
                }
            }
            for (ValidatorMemory.Sent sent : validators) {
                int updated = handle.createUpdate("UPDATE reader_validators SET sent = :sent "
                        + "WHERE feed = :feed AND kind = :kind AND validator = :validator")
                        .bind("sent", Timestamps.argument(now)).bind("feed", sent.feed())
                        .bind("kind", String.valueOf(sent.kind())).bind("validator", sent.value()).execute();
                if (updated == 0) {
                    handle.createUpdate("INSERT INTO reader_validators (feed, kind, validator, sent) "
                            + "VALUES (:feed, :kind, :validator, :sent)")
                            .bind("sent", Timestamps.argument(now)).bind("feed", sent.feed())
                            .bind("kind", String.valueOf(sent.kind())).bind("validator", sent.value()).execute();
                }
            }
            return null;
        });
    }

    private static void addRow(Handle handle, LocalDate day, ReaderDelta delta) {
        if (bindAll(handle.createUpdate(UPDATE), day, delta).execute() == 0) {
            bindAll(handle.createUpdate(INSERT), day, delta).execute();
        }
    }

    private static Update bindAll(Update statement, LocalDate day, ReaderDelta delta) {
        long[] values = values(delta);
        for (int i = 0; i < SUMS.size(); i++) {
            statement.bind(SUMS.get(i), values[i]);
        }
        return statement.bind("day", day).bind("reader", delta.reader())
                .bind("subscribers", Math.max(0, delta.subscribers()))
                .bind("last_seen", Timestamps.argument(delta.lastSeen()));
    }

    private static long[] values(ReaderDelta delta) {
        long[] values = new long[SUMS.size()];
        long[] head = {delta.requests(), delta.conditional(), delta.notModified(), delta.echoed(), delta.madeUp(),
            delta.tooMany(), delta.waited(), delta.ignoredWait(), delta.bytesSent(), delta.bytesFull()};
        System.arraycopy(head, 0, values, 0, head.length);
        System.arraycopy(delta.intervals(), 0, values, head.length, IntervalBuckets.COUNT);
        return values;
    }

    private <T> T retryingOnce(Function<Handle, T> work) {
        try {
            return jdbi.inTransaction(work::apply);
        } catch (UnableToExecuteStatementException e) {
            if (!UniqueViolations.isCause(e)) {
                throw e;
            }
            return jdbi.inTransaction(work::apply);
        }
    }

    /** Deletes the days before {@code firstKept}, and validators last sent before {@code oldestValidator}. */
    void deleteBefore(LocalDate firstKept, Instant oldestValidator) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("DELETE FROM reader_stats WHERE utc_day < :day").bind("day", firstKept).execute();
            handle.createUpdate("DELETE FROM reader_addresses WHERE utc_day < :day").bind("day", firstKept).execute();
            handle.createUpdate("DELETE FROM reader_validators WHERE sent < :sent")
                    .bind("sent", Timestamps.argument(oldestValidator)).execute();
        });
    }

    /** The validators saved, oldest first. */
    List<ValidatorMemory.Sent> validators() {
        return jdbi.withHandle(handle -> handle.createQuery(
                "SELECT feed, kind, validator FROM reader_validators ORDER BY sent, validator")
                .map((rs, ctx) -> new ValidatorMemory.Sent(rs.getString("feed"), rs.getString("kind").charAt(0),
                        rs.getString("validator")))
                .list());
    }

    /** One reader's sums over the days from {@code from} on. */
    record Sums(String reader, long[] values, Instant lastSeen) {

        long get(String column) {
            return values[SUMS.indexOf(column)];
        }

        long[] intervals() {
            long[] intervals = new long[IntervalBuckets.COUNT];
            System.arraycopy(values, SUMS.size() - IntervalBuckets.COUNT, intervals, 0, IntervalBuckets.COUNT);
            return intervals;
        }
    }

    /** Every reader's sums since {@code from}. */
    List<Sums> sums(LocalDate from) {
        StringBuilder select = new StringBuilder("SELECT reader, MAX(last_seen) AS last_seen");
        for (String column : SUMS) {
            select.append(", SUM(").append(column).append(") AS ").append(column);
        }
        select.append(" FROM reader_stats WHERE utc_day >= :from GROUP BY reader");
        return jdbi.withHandle(handle -> handle.createQuery(select.toString()).bind("from", from)
                .map((rs, ctx) -> {
                    long[] values = new long[SUMS.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = rs.getLong(SUMS.get(i));
                    }
                    return new Sums(rs.getString("reader"), values, Timestamps.read(rs, "last_seen"));
                })
                .list());
    }

    /** Per reader, the subscriber count it reported on the latest day it reported one. */
    Map<String, Long> reportedSubscribers(LocalDate from) {
        return perReader("SELECT reader, subscribers AS n FROM reader_stats WHERE utc_day >= :from AND subscribers > 0 "
                + "ORDER BY utc_day", from);
    }

    /** Per reader, the distinct addresses it came from since {@code from}. */
    Map<String, Long> distinctAddresses(LocalDate from) {
        return perReader("SELECT reader, COUNT(DISTINCT address) AS n FROM reader_addresses WHERE utc_day >= :from "
                + "GROUP BY reader", from);
    }

    /** A number per reader from {@code sql}; of several rows of one reader, the last wins. */
    private Map<String, Long> perReader(String sql, LocalDate from) {
        Map<String, Long> values = new HashMap<>();
        jdbi.useHandle(handle -> handle.createQuery(sql).bind("from", from)
                .map((rs, ctx) -> Map.entry(rs.getString("reader"), rs.getLong("n")))
                .forEach(entry -> values.put(entry.getKey(), entry.getValue())));
        return values;
    }
}
