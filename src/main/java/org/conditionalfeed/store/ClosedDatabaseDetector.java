package org.conditionalfeed.store;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.Set;

/**
 * Tells the connection pool which failures mean that an embedded H2 database has closed itself,
 * as it does after an I/O error (a full disk, a failed {@code fsync}): every connection to it is
 * then dead, although H2 still calls them valid. Such a connection is evicted, the listener is
 * told (so the whole pool is renewed), and a new connection opens the database file again.
 *
 * <p>Thread-safe.
 */
final class ClosedDatabaseDetector implements SQLExceptionOverride {

    /** H2's codes for: database closed, closed at shutdown, I/O errors, file corrupted. */
    private static final Set<Integer> H2_FATAL_CODES = Set.of(90098, 90121, 90028, 90031, 90030);
    private static final int H2_GENERAL_ERROR = 50000;
    private static final String H2_STORE_FAILURE = "org.h2.mvstore.MVStoreException";

    private final Runnable onClosed;

    ClosedDatabaseDetector(Runnable onClosed) {
        this.onClosed = onClosed;
    }

    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException e) {
        if (!isClosedDatabase(e)) {
            return SQLExceptionOverride.Override.CONTINUE_EVICT;
        }
        onClosed.run();
        return SQLExceptionOverride.Override.MUST_EVICT;
    }

    static boolean isClosedDatabase(SQLException e) {
        if (H2_FATAL_CODES.contains(e.getErrorCode())) {
            return true;
        }
        return e.getErrorCode() == H2_GENERAL_ERROR && e.getCause() != null
                && H2_STORE_FAILURE.equals(e.getCause().getClass().getName());
    }
}
