package org.conditionalfeed.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.conditionalfeed.store.Database;

/**
 * Entries written straight into an H2 database file, before a server opens it, for tests that
 * need more entries than the API writes quickly: the schema through the application's own
 * migrations, then one statement in which H2 writes {@code Entry 1} to {@code Entry N} itself, one
 * second apart from 2026-01-01 (so {@code Entry N} is the newest), all with the same content. The
 * server's first start indexes their categories.
 */
public final class DirectEntries {

    private DirectEntries() {
    }

    /**
     * @param url the database's JDBC URL
     * @param options H2 settings for the writing connection only, e.g. {@code ";COMPRESS=TRUE"}, or {@code ""}
     * @param content each entry's content
     * @param categories an SQL expression of the entry's number {@code X} giving its categories,
     *     one a line, e.g. {@code CASE WHEN MOD(X, 2) = 0 THEN 'java' ELSE 'cooking' END}
     */
    public static void insert(String url, String options, int count, String content, String categories)
            throws SQLException {
        Database.open(url, "sa", "").close();
        try (Connection connection = DriverManager.getConnection(url + options, "sa", "");
                PreparedStatement insert = connection.prepareStatement("INSERT INTO entry (guid, title, content,"
                        + " categories, published, updated, revision) SELECT 'urn:uuid:entry-' || X, 'Entry ' || X,"
                        + " CAST(? AS VARCHAR(1000000)), " + categories + ","
                        + " DATEADD(SECOND, X, CAST(? AS TIMESTAMP WITH TIME ZONE)),"
                        + " DATEADD(SECOND, X, CAST(? AS TIMESTAMP WITH TIME ZONE)), 0 FROM SYSTEM_RANGE(1, CAST(? AS INT))")) {
            OffsetDateTime start = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
            insert.setString(1, content);
            insert.setObject(2, start);
            insert.setObject(3, start);
            insert.setInt(4, count);
            int inserted = insert.executeUpdate();
            if (inserted != count) {
                throw new IllegalStateException("inserted " + inserted + " entries instead of " + count);
            }
        }
    }
}
