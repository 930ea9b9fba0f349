package org.conditionalfeed.store;

import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Stored administrator credentials: only a password hash per user name, never a password.
 *
 * <p>Thread-safe, and safe for instances that share the database and start at the same moment.
 */
public final class AdminUserRepository {

    /** SQLSTATE of a duplicate key, in H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final Jdbi jdbi;

    public AdminUserRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The stored password hash of {@code username}, if that user exists. */
    public Optional<String> passwordHash(String username) {
        return jdbi.withHandle(handle -> handle
                .createQuery("SELECT password_hash FROM admin_user WHERE username = :username")
                .bind("username", username)
                .mapTo(String.class)
                .findOne());
    }

    /**
     * Creates the user with this password hash unless it exists; {@code false} when it does,
     * for instance because another instance sharing the database created it a moment ago.
     */
    public boolean createIfAbsent(String username, String passwordHash) {
        try {
            jdbi.useTransaction(handle -> handle
                    .createUpdate("INSERT INTO admin_user (username, password_hash) VALUES (:username, :hash)")
                    .bind("username", username).bind("hash", passwordHash).execute());
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /** Creates the user or replaces its password hash. */
    public void savePasswordHash(String username, String passwordHash) {
        if (updatePasswordHash(username, passwordHash) == 0 && !createIfAbsent(username, passwordHash)) {
            // Another instance created the user between the two statements: replace its hash.
            updatePasswordHash(username, passwordHash);
        }
    }

    private int updatePasswordHash(String username, String passwordHash) {
        return jdbi.withHandle(handle -> handle
                .createUpdate("UPDATE admin_user SET password_hash = :hash WHERE username = :username")
                .bind("username", username).bind("hash", passwordHash).execute());
    }
}
