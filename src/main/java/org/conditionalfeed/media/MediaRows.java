package org.conditionalfeed.media;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;

/**
 * The media rows that downloads and thumbnails are served from. A complete medium's row never
 * changes, only goes; so when this process is the database's only user, rows are kept in a
 * bounded cache and dropped when this process deletes the medium, and serving a medium or its
 * {@code 304} costs no database read, as the feed's does not. When instances share the database,
 * another may delete a medium at any moment, so every call reads the row: one primary-key lookup,
 * as the feed reads its revision.
 *
 * <p>Thread-safe. A row being loaded while its medium is deleted is not kept: the cache's removal
 * waits for the load of the same key to finish and then removes what it loaded.
 */
public final class MediaRows {

    private static final int MAX_ROWS = 10_000;

    private final MediaStore media;
    private final Cache<Long, Media> rows;

    /**
     * @param exclusive whether this process is the database's only user
     */
    public MediaRows(MediaStore media, boolean exclusive) {
        this.media = media;
        this.rows = exclusive ? Caffeine.newBuilder().maximumSize(MAX_ROWS).build() : null;
        if (exclusive) {
            media.onDelete(rows::invalidate);
        }
    }

    /** The complete medium with this id, if any. */
    public Optional<Media> find(long id) {
        if (rows == null) {
            return media.find(id);
        }
        return Optional.ofNullable(rows.get(id, key -> media.find(key).orElse(null)));
    }
}
