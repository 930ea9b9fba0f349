package org.conditionalfeed.store;

import java.sql.SQLException;

/**
 * Tells a unique-key violation (SQLSTATE {@code 23505} on H2 and PostgreSQL alike) among an
 * exception's causes: what an insert meets when another instance inserted the same key first.
 */
public final class UniqueViolations {

    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolations() {
    }

    /** Whether {@code e} or one of its causes is a unique-key violation. */
    public static boolean isCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
