package org.conditionalfeed.store;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Idempotency keys of entry creation: a create recorded under a key is written in the same
 * transaction as the entry, and the key is the table's primary key, so of two requests with one
 * key, on one instance or on several sharing the database, exactly one creates an entry: the
 * other waits for the first's transaction on the key's row and then finds the key taken. A key
 * counts for {@link #LIFETIME}; expired keys are deleted by the next create with a key.
 *
 * <p>Thread-safe.
 */
public final class IdempotencyRepository {

    /** How long a key stays recorded. */
    public static final Duration LIFETIME = Duration.ofHours(24);
    /** SQLSTATE of a unique constraint violation, on H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final Jdbi jdbi;
    private final EntryRepository entries;
    private final Clock clock;

    public IdempotencyRepository(Jdbi jdbi, EntryRepository entries, Clock clock) {
        this.jdbi = jdbi;
        this.entries = entries;
        this.clock = clock;
    }

    /** What a key recorded, unless it was never used or has expired. */
    public Optional<FirstCreate> find(String key) {
        Instant cutoff = clock.instant().minus(LIFETIME);
        return jdbi.withHandle(handle -> handle.createQuery("SELECT request_digest, entry_id, entry_guid,"
                        + " entry_published, entry_revision FROM idempotency_key"
                        + " WHERE request_key = :key AND created > :cutoff")
                .bind("key", key)
                .bind("cutoff", Timestamps.argument(cutoff))
                .map((rs, ctx) -> new FirstCreate(rs.getString("request_digest"), rs.getLong("entry_id"),
                        rs.getString("entry_guid"), Timestamps.read(rs, "entry_published"),
                        rs.getLong("entry_revision")))
                .findOne());
    }

    /**
     * Creates an entry and records {@code key} with it in one transaction; empty, and nothing
     * created, when another request recorded the key first.
     */
    public Optional<Entry> create(String key, String requestDigest, EntryDraft draft) {
        Instant now = clock.instant();
        try {
            return Optional.of(entries.create(draft, (handle, entry) -> {
                handle.createUpdate("DELETE FROM idempotency_key WHERE created <= :cutoff")
                        .bind("cutoff", Timestamps.argument(now.minus(LIFETIME))).execute();
                handle.createUpdate("INSERT INTO idempotency_key (request_key, request_digest, entry_id, entry_guid,"
                                + " entry_published, entry_revision, created) VALUES (:key, :digest, :id, :guid,"
                                + " :published, :revision, :created)")
                        .bind("key", key)
                        .bind("digest", requestDigest)
                        .bind("id", entry.id())
                        .bind("guid", entry.guid())
                        .bind("published", Timestamps.argument(entry.published()))
                        .bind("revision", entry.revision())
                        .bind("created", Timestamps.argument(now))
                        .execute();
            }));
        } catch (JdbiException e) {
            if (isUniqueViolation(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
