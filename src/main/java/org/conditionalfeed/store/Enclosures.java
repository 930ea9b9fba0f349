package org.conditionalfeed.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Entries' enclosures ({@code entry.enclosure_id}, {@code db/V5__entry_enclosure.sql}): which
 * entry uses a medium, and the SQL pieces the entry reads and writes share. A write that names a
 * medium locks its row in the write's transaction ({@link #claim}), so a medium's delete running
 * at the same time waits for that write and then fails on the foreign key; a medium deleted
 * first is not found, and the write stores nothing. Either way no entry ever names a medium that
 * is gone.
 *
 * <p>Thread-safe.
 */
public final class Enclosures {

    /** Joins each entry row ({@code entry}) to its enclosure's medium, if any. */
    static final String JOIN = " LEFT JOIN media enclosure ON enclosure.id = entry.enclosure_id";
    /** The enclosure's columns, under names of their own, for rows read through {@link #JOIN}. */
    static final String COLUMNS = "enclosure.id AS enclosure_media_id, enclosure.filename AS enclosure_filename,"
            + " enclosure.type AS enclosure_type, enclosure.length AS enclosure_length,"
            + " enclosure.sha256 AS enclosure_sha256";
    /** SQLSTATE of a referential integrity violation (PostgreSQL, and H2 for a referenced row's delete). */
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    /** H2's SQLSTATE for a row that references a missing one. */
    private static final String H2_PARENT_MISSING = "23506";

    private final Jdbi jdbi;

    public Enclosures(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The id of an entry whose enclosure is medium {@code mediaId} (the oldest), if any. */
    public Optional<Long> entryUsing(long mediaId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id FROM entry WHERE enclosure_id = :media"
                        + " ORDER BY id LIMIT 1")
                .bind("media", mediaId).mapTo(Long.class).findOne());
    }

    /**
     * Locks the complete medium {@code mediaId} inside the caller's write transaction until it
     * ends; nothing for {@code null}.
     *
     * @throws UnknownEnclosure when there is no such complete medium
     */
    static void claim(Handle handle, Long mediaId) {
        if (mediaId == null) {
            return;
        }
        boolean found = handle.createQuery("SELECT id FROM media WHERE id = :id AND complete = TRUE FOR UPDATE")
                .bind("id", mediaId).mapTo(Long.class).findOne().isPresent();
        if (!found) {
            throw new UnknownEnclosure(mediaId);
        }
    }

    /** The enclosure of a row read with {@link #COLUMNS}, or {@code null}. */
    static Enclosure read(ResultSet rs) throws SQLException {
        long mediaId = rs.getLong("enclosure_media_id");
        if (rs.wasNull()) {
            return null;
        }
        return new Enclosure(mediaId, rs.getString("enclosure_filename"), rs.getString("enclosure_type"),
                rs.getLong("enclosure_length"), rs.getString("enclosure_sha256"));
    }

    /** Whether {@code failure} (or what caused it) is the database refusing a write for a foreign key. */
    public static boolean isForeignKeyViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && (FOREIGN_KEY_VIOLATION.equals(sql.getSQLState())
                    || H2_PARENT_MISSING.equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
