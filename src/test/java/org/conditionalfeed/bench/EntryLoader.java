package org.conditionalfeed.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.conditionalfeed.store.Database;
import org.jdbi.v3.core.Handle;

/**
 * Bulk-loads entries into the H2 file database while the server is stopped (a running server
 * holds the file's lock), with plain JDBC batches, then moves the feed state forward the way a
 * write through the application would: a new revision and a whole-second modification time
 * strictly later than the previous one.
 *
 * <p>New entries are older than every existing one, one millisecond apart, so published times
 * stay distinct across loads. Each is in one of {@value #TOPICS} categories {@code topic-N}, and
 * every second one also in {@value #CATEGORY}, so the blog has 1 001 categories and
 * {@value #CATEGORY}'s feed is as full as the main one; their index rows
 * ({@code entry_category}, {@code category_state}) are written as the application's writes
 * would. Not thread-safe; one load at a time.
 */
final class EntryLoader {

    /** The category whose feed the benchmark measures: every second entry is in it. */
    static final String CATEGORY = "java";
    static final int TOPICS = 1_000;
    private static final int BATCH = 1_000;
    private static final int PER_TRANSACTION = 50_000;
    private static final String INSERT = "INSERT INTO entry (guid, title, content, link, author, categories,"
            + " published, updated, revision) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?)";
    /** One row per category of the entries added since an id: the first line of categories, and the second. */
    private static final String INDEX_FIRST = "INSERT INTO entry_category (category, entry_id, published)"
            + " SELECT CASE WHEN POSITION(CHAR(10) IN categories) = 0 THEN categories"
            + " ELSE SUBSTRING(categories, 1, POSITION(CHAR(10) IN categories) - 1) END, id, published"
            + " FROM entry WHERE id > ? AND categories <> ''";
    private static final String INDEX_SECOND = "INSERT INTO entry_category (category, entry_id, published)"
            + " SELECT SUBSTRING(categories, POSITION(CHAR(10) IN categories) + 1), id, published"
            + " FROM entry WHERE id > ? AND POSITION(CHAR(10) IN categories) > 0";
    private static final String PARAGRAPH = " Readers who already have this version get a 304 and a few hundred"
            + " bytes; everyone else gets the rendered feed from memory. This paragraph is here so that each item"
            + " carries a description of a realistic length, with <em>some</em> markup &amp; an entity.";

    private EntryLoader() {
    }

    /**
     * Adds entries until the database holds {@code target}, then compacts the file; returns how
     * many entries it holds.
     */
    static long topUp(String dbUrl, long target) {
        long held;
        try (Database database = Database.open(dbUrl, "sa", "")) {
            held = database.jdbi().withHandle(handle -> topUp(handle, target));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load entries into " + dbUrl + ": " + e.getMessage(), e);
        }
        // Bulk inserts leave H2's file many times larger than its data (a million entries: over 6 GB
        // instead of 0.2 GB); a blog that grew over years would have been compacted long since.
        long started = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(dbUrl, "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN COMPACT");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot compact " + dbUrl + ": " + e.getMessage(), e);
        }
        System.err.printf("bench:   compacted the database file in %d s%n",
                (System.nanoTime() - started) / 1_000_000_000);
        return held;
    }

    /** The HTML of a benchmark entry: every entry, loaded or written through the API, has this shape. */
    static String content(String number) {
        return "<p>Entry " + number + " of the benchmark blog." + PARAGRAPH + "</p>";
    }

    private static long topUp(Handle handle, long target) throws SQLException {
        Connection connection = handle.getConnection();
        long have = queryLong(connection, "SELECT COUNT(*) FROM entry");
        if (have >= target) {
            return have;
        }
        long missing = target - have;
        long revision = queryLong(connection, "SELECT revision FROM feed_state WHERE id = 1") + 1;
        Instant oldest = queryInstant(connection, "SELECT MIN(published) FROM entry");
        if (queryLong(connection, "SELECT COUNT(*) FROM category_state WHERE category = ''") == 0) {
            // Never indexed (the application never started on this file): index what is there now.
            index(connection, 0);
        }
        if (oldest == null) {
            oldest = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        }
        long started = System.nanoTime();
        System.err.printf("bench: loading %,d entries (%,d there already)%n", missing, have);
        for (long done = 0; done < missing; ) {
            long chunk = Math.min(PER_TRANSACTION, missing - done);
            long from = done;
            Instant base = oldest;
            handle.useTransaction(transaction -> {
                Connection inChunk = transaction.getConnection();
                long lastId = queryLong(inChunk, "SELECT COALESCE(MAX(id), 0) FROM entry");
                insert(inChunk, have, from, chunk, base, revision);
                index(inChunk, lastId);
            });
            done += chunk;
            if (done % 200_000 == 0 || done == missing) {
                System.err.printf("bench:   %,d / %,d entries (%d s)%n", done, missing,
                        (System.nanoTime() - started) / 1_000_000_000);
            }
        }
        handle.useTransaction(transaction -> {
            advanceFeedState(transaction.getConnection(), revision);
            countCategories(transaction.getConnection(), revision);
        });
        return queryLong(connection, "SELECT COUNT(*) FROM entry");
    }

    private static void insert(Connection connection, long have, long from, long count, Instant oldest,
            long revision) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (long i = from; i < from + count; i++) {
                long number = have + i + 1;
                OffsetDateTime published = oldest.minusMillis(i + 1).atOffset(ZoneOffset.UTC);
                insert.setString(1, "urn:uuid:" + UUID.randomUUID());
                insert.setString(2, "Benchmark entry " + number);
                insert.setString(3, content(Long.toString(number)));
                insert.setString(4, "Bench Writer");
                insert.setString(5, (number % 2 == 0 ? CATEGORY + "\n" : "") + "topic-" + number % TOPICS);
                insert.setObject(6, published);
                insert.setObject(7, published);
                insert.setLong(8, revision);
                insert.addBatch();
                if ((i - from + 1) % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    private static void index(Connection connection, long afterId) throws SQLException {
        for (String sql : new String[] {INDEX_FIRST, INDEX_SECOND}) {
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                insert.setLong(1, afterId);
                insert.executeUpdate();
            }
        }
    }

    /**
     * Recounts every category from its index rows, all at the new revision (so every category feed
     * is rendered afresh), and the number of all entries in the row of category {@code ''}, which
     * tells the application at its start that the index is complete.
     */
    private static void countCategories(Connection connection, long revision) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM category_state");
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO category_state (category, revision,"
                + " entries) SELECT category, ?, COUNT(*) FROM entry_category GROUP BY category")) {
            insert.setLong(1, revision);
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO category_state (category, revision,"
                + " entries) SELECT '', ?, COUNT(*) FROM entry")) {
            insert.setLong(1, revision);
            insert.executeUpdate();
        }
    }

    private static void advanceFeedState(Connection connection, long revision) throws SQLException {
        Instant previous = queryInstant(connection, "SELECT modified FROM feed_state WHERE id = 1 FOR UPDATE");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant modified = previous != null && !now.isAfter(previous) ? previous.plusSeconds(1) : now;
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE feed_state SET revision = ?, modified = ? WHERE id = 1")) {
            update.setLong(1, revision);
            update.setObject(2, modified.atOffset(ZoneOffset.UTC));
            update.executeUpdate();
        }
    }

    private static long queryLong(Connection connection, String sql) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Instant queryInstant(Connection connection, String sql) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            rows.next();
            OffsetDateTime value = rows.getObject(1, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }
    }
}
