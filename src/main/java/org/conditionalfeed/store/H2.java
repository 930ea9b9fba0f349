package org.conditionalfeed.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * What the application needs to know and do about H2 URLs: whether a database is this process's
 * alone, the settings it adds for durable commits, and how a commit is forced to disk.
 *
 * <p>Stateless and thread-safe.
 */
final class H2 {

    private H2() {
    }

    static boolean isH2(String url) {
        return url.startsWith("jdbc:h2:");
    }

    static boolean isInMemory(String url) {
        return url.toUpperCase(Locale.ROOT).startsWith("JDBC:H2:MEM:");
    }

    /** Whether the URL carries the password itself ({@code ;PASSWORD=…}). */
    static boolean namesPassword(String url) {
        return isH2(url) && url.toUpperCase(Locale.ROOT).contains(";PASSWORD=");
    }

    /**
     * Whether this process is the database's only user: an embedded H2 database locks its file,
     * so no other process can write to it. PostgreSQL and H2 in server or auto-server mode may be
     * shared.
     */
    static boolean isExclusive(String url) {
        String upper = url.toUpperCase(Locale.ROOT);
        return upper.startsWith("JDBC:H2:") && !upper.startsWith("JDBC:H2:TCP:") && !upper.startsWith("JDBC:H2:SSL:")
                && !upper.contains(";AUTO_SERVER=TRUE");
    }

    /** Forces everything H2 has committed to stable storage: H2 writes, then {@code fsync}s its file. */
    static void force(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT SYNC");
        }
    }

    /** The URL with the settings for durable commits added, unless the operator wrote them in it. */
    static String withDurableDefaults(String url) {
        if (!isH2(url)) {
            return url;
        }
        String upper = url.toUpperCase(Locale.ROOT);
        StringBuilder result = new StringBuilder(url);
        if (!upper.contains(";WRITE_DELAY=")) {
            result.append(";WRITE_DELAY=0");
        }
        if (!upper.contains(";LOCK_TIMEOUT=")) {
            // Writers queue on the feed state's row lock (see FeedStateRepository); under a burst
            // of writes they wait for each other instead of failing after H2's 1 s.
            result.append(";LOCK_TIMEOUT=15000");
        }
        if (!upper.contains(";TRACE_LEVEL_FILE=")) {
            result.append(";TRACE_LEVEL_FILE=0");
        }
        if (!upper.contains(";DB_CLOSE_ON_EXIT=") && !isInMemory(url)) {
            result.append(";DB_CLOSE_ON_EXIT=FALSE");
        }
        return result.toString();
    }
}
