package org.conditionalfeed.thumbs;

import java.util.Optional;
import org.conditionalfeed.media.Media;
import org.conditionalfeed.media.MediaRows;
import org.conditionalfeed.media.MediaStore;

/**
 * The media rows thumbnails are served from, through {@link MediaRows}: kept in memory when this
 * process is the database's only user (a thumbnail's {@code 304} then costs no database read),
 * read per call when instances share the database.
 *
 * <p>Thread-safe.
 */
final class ThumbnailSources {

    private final MediaRows rows;

    /**
     * @param exclusive whether this process is the database's only user
     */
    ThumbnailSources(MediaStore media, boolean exclusive) {
        this.rows = new MediaRows(media, exclusive);
    }

    /** The complete medium with this id, if any. */
    Optional<Media> find(long id) {
        return rows.find(id);
    }
}
