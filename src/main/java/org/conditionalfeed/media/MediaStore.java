package org.conditionalfeed.media;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import org.conditionalfeed.store.Enclosures;
import org.conditionalfeed.store.Timestamps;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Media rows and their bytes in {@link #CHUNK_SIZE} pieces ({@code db/V3__media.sql}). Every
 * call takes a pooled connection for one statement or transaction only, so a slow uploader or
 * downloader never holds one while the network is waited for. Knows nothing of HTTP.
 *
 * <p>An upload is written as an incomplete row, its chunks one by one, and a last update that
 * completes the row; only complete rows are visible. {@link #discard} removes a failed upload,
 * {@link #removeIncomplete} the leftovers of a process that died mid-upload.
 *
 * <p>Thread-safe.
 */
public final class MediaStore {

    /** The size of every stored piece but a file's last. */
    public static final int CHUNK_SIZE = 256 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(MediaStore.class);
    private static final String COLUMNS = "id, filename, type, length, sha256, created, width, height";
    /** An incomplete upload this old belongs to no live instance sharing the database. */
    private static final Duration ABANDONED = Duration.ofDays(1);

    private final Jdbi jdbi;
    private final Clock clock;
    private final List<LongConsumer> deletionListeners = new CopyOnWriteArrayList<>();

    public MediaStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Starts an upload: an incomplete row. Returns its id. */
    long begin(String filename, String type) {
        return jdbi.withHandle(handle -> handle.createUpdate("INSERT INTO media (filename, type, length, created,"
                        + " complete) VALUES (:filename, :type, 0, :created, FALSE)")
                .bind("filename", filename)
                .bind("type", type)
                .bind("created", Timestamps.argument(clock.instant()))
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
    }

    /** Stores piece {@code seq} of an upload: the first {@code length} bytes of {@code data}. */
    void append(long id, int seq, byte[] data, int length) {
        byte[] piece = length == data.length ? data : Arrays.copyOf(data, length);
        jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO media_chunk (media_id, seq, data)"
                        + " VALUES (:id, :seq, :data)")
                .bind("id", id).bind("seq", seq).bind("data", piece).execute());
    }

    /** Completes an upload: from now on it is listed and served. */
    Media complete(long id, long length, String sha256, Integer width, Integer height) {
        Instant created = clock.instant();
        jdbi.useTransaction(handle -> handle.createUpdate("UPDATE media SET length = :length, sha256 = :sha256,"
                        + " width = :width, height = :height, created = :created, complete = TRUE WHERE id = :id")
                .bind("id", id).bind("length", length).bind("sha256", sha256)
                .bind("width", width).bind("height", height)
                .bind("created", Timestamps.argument(created))
                .execute());
        return find(id).orElseThrow();
    }

    /** Removes an upload that failed, whatever it had stored. */
    void discard(long id) {
        delete(id, "");
    }

    /**
     * Removes uploads that never completed: all of them when this process is the database's only
     * user, else those older than a day (another instance may be receiving the rest).
     *
     * @return how many were removed
     */
    public int removeIncomplete(boolean exclusive) {
        Instant now = clock.instant();
        Instant before = exclusive ? now.plus(ABANDONED) : now.minus(ABANDONED);
        int removed = jdbi.withHandle(handle -> handle.createUpdate(
                        "DELETE FROM media WHERE complete = FALSE AND created < :before")
                .bind("before", Timestamps.argument(before))
                .execute());
        if (removed > 0) {
            LOG.info("Removed {} incomplete media upload(s) left by an earlier run", removed);
        }
        return removed;
    }

    /** The complete medium with this id, if any. */
    public Optional<Media> find(long id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM media WHERE id = :id AND complete = TRUE")
                .bind("id", id).map(MediaStore::mapMedia).findOne());
    }

    /** A page of complete media, newest first. */
    public List<Media> list(int limit, int offset) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM media WHERE complete = TRUE"
                        + " ORDER BY created DESC, id DESC LIMIT :limit OFFSET :offset")
                .bind("limit", limit).bind("offset", offset).map(MediaStore::mapMedia).list());
    }

    /**
     * The newest complete media whose type starts with one of {@code typePrefixes}
     * ({@code "audio/"}, {@code "application/pdf"}; literal, without {@code %} or {@code _}), newest
     * first, at most {@code limit}.
     */
    public List<Media> newestOfTypes(int limit, List<String> typePrefixes) {
        if (typePrefixes.isEmpty()) {
            return List.of();
        }
        StringBuilder types = new StringBuilder();
        for (int i = 0; i < typePrefixes.size(); i++) {
            types.append(i == 0 ? "" : " OR ").append("type LIKE :type").append(i);
        }
        return jdbi.withHandle(handle -> {
            Query query = handle.createQuery("SELECT " + COLUMNS + " FROM media WHERE complete = TRUE AND (" + types
                    + ") ORDER BY created DESC, id DESC LIMIT :limit").bind("limit", limit);
            for (int i = 0; i < typePrefixes.size(); i++) {
                query.bind("type" + i, typePrefixes.get(i) + "%");
            }
            return query.map(MediaStore::mapMedia).list();
        });
    }

    /**
     * Deletes a complete medium and its bytes; {@code false} when there is none.
     *
     * @throws MediumInUse when an entry names it as its enclosure (the database's foreign key
     *     refuses the delete, also when that entry's write commits while this one runs)
     */
    public boolean delete(long id) {
        boolean deleted;
        try {
            deleted = delete(id, " AND complete = TRUE");
        } catch (JdbiException e) {
            if (Enclosures.isForeignKeyViolation(e)) {
                throw new MediumInUse(id);
            }
            throw e;
        }
        if (deleted) {
            deletionListeners.forEach(listener -> listener.accept(id));
        }
        return deleted;
    }

    /** Calls {@code listener} with the id of each medium this store deletes, once the delete commits. */
    public void onDelete(LongConsumer listener) {
        deletionListeners.add(listener);
    }

    /** Chunks go with their row ({@code ON DELETE CASCADE}). */
    private boolean delete(long id, String condition) {
        return jdbi.inTransaction(handle -> handle.createUpdate("DELETE FROM media WHERE id = :id" + condition)
                .bind("id", id).execute()) > 0;
    }

    /** Piece {@code seq} of a medium's bytes; empty when it is gone (deleted meanwhile). */
    public Optional<byte[]> chunk(long id, int seq) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT data FROM media_chunk"
                        + " WHERE media_id = :id AND seq = :seq")
                .bind("id", id).bind("seq", seq).mapTo(byte[].class).findOne());
    }

    private static Media mapMedia(ResultSet rs, StatementContext context) throws SQLException {
        return new Media(rs.getLong("id"), rs.getString("filename"), rs.getString("type"), rs.getLong("length"),
                rs.getString("sha256"), Timestamps.read(rs, "created"), rs.getObject("width", Integer.class),
                rs.getObject("height", Integer.class));
    }
}
