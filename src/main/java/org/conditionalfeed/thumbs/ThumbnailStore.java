package org.conditionalfeed.thumbs;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.conditionalfeed.store.Timestamps;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Made thumbnails in the database ({@code db/V4__thumbnails.sql}), keyed by medium, width and
 * {@link ThumbnailGenerator#VERSION}. The first thumbnail stored under a key stays: a later
 * store of the same key (another instance that made it at the same time) is dropped, and its
 * maker reads the stored bytes, so every instance serves the same bytes under one entity tag.
 * Rows go with their medium ({@code ON DELETE CASCADE}). Knows nothing of HTTP.
 *
 * <p>Thread-safe.
 */
final class ThumbnailStore {

    private final Jdbi jdbi;

    ThumbnailStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The stored thumbnail of a medium at a width, if it has been made. */
    Optional<Thumbnail> find(long mediaId, int width) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT type, data FROM thumbnail"
                        + " WHERE media_id = :id AND width = :width AND generator = :generator")
                .bind("id", mediaId).bind("width", width).bind("generator", ThumbnailGenerator.VERSION)
                .map((rs, context) -> new Thumbnail(rs.getString("type"), rs.getBytes("data")))
                .findOne());
    }

    /** The stored thumbnails of a medium by width. */
    Map<Integer, Thumbnail> findAll(long mediaId) {
        Map<Integer, Thumbnail> found = new TreeMap<>();
        jdbi.useHandle(handle -> handle.createQuery("SELECT width, type, data FROM thumbnail"
                        + " WHERE media_id = :id AND generator = :generator")
                .bind("id", mediaId).bind("generator", ThumbnailGenerator.VERSION)
                .map((rs, context) -> found.put(rs.getInt("width"), new Thumbnail(rs.getString("type"),
                        rs.getBytes("data"))))
                .list());
        return found;
    }

    /**
     * Stores a thumbnail unless one is already stored under its key, and returns the one stored:
     * {@code made} itself, or the one stored first.
     *
     * @throws SourceGone when the medium has been deleted
     */
    Thumbnail keep(long mediaId, int width, Thumbnail made, Instant now) {
        try {
            jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO thumbnail (media_id, width, generator, type,"
                            + " data, created) VALUES (:id, :width, :generator, :type, :data, :created)")
                    .bind("id", mediaId).bind("width", width).bind("generator", ThumbnailGenerator.VERSION)
                    .bind("type", made.type()).bind("data", made.bytes())
                    .bind("created", Timestamps.argument(now))
                    .execute());
            return made;
        } catch (UnableToExecuteStatementException e) {
            // Class 23, integrity constraint violation: the same key stored meanwhile (kept below),
            // or the medium deleted (the foreign key).
            if (!(e.getCause() instanceof SQLException sql) || sql.getSQLState() == null
                    || !sql.getSQLState().startsWith("23")) {
                throw e;
            }
        }
        return find(mediaId, width).orElseThrow(() -> new SourceGone("medium " + mediaId + " was deleted"));
    }
}
