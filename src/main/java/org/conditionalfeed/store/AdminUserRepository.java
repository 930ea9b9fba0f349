package org.conditionalfeed.store;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Stored administrator credentials: only a password hash per user name, never a password.
 *
 * <p>Thread-safe.
 */
public final class AdminUserRepository {

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

    /** Creates the user or replaces its password hash. */
    public void savePasswordHash(String username, String passwordHash) {
        jdbi.useTransaction(handle -> {
            int updated = handle.createUpdate("UPDATE admin_user SET password_hash = :hash WHERE username = :username")
                    .bind("username", username).bind("hash", passwordHash).execute();
            if (updated == 0) {
                handle.createUpdate("INSERT INTO admin_user (username, password_hash) VALUES (:username, :hash)")
                        .bind("username", username).bind("hash", passwordHash).execute();
            }
        });
    }
}
