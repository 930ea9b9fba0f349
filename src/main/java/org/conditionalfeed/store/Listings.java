package org.conditionalfeed.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Reads which entries a stretch of a listing holds, all entries or one category's, newest first,
 * through the listing's index and from whichever end is nearer ({@link ListingWindow}), with the
 * revision and time of the latest change to the listing's entries and their number from
 * {@code category_state}, which every write keeps in step. Meant inside a
 * {@link ConsistentReads#read}. Thread-safe (stateless).
 */
final class Listings {

    private static final String ALL_NEWEST = "SELECT id FROM entry ORDER BY published DESC, id DESC";
    private static final String ALL_OLDEST = "SELECT id FROM entry ORDER BY published, id";
    // The category comes first in ORDER BY although it is fixed: only then does H2 read the index
    // in its order rather than sort all of the category's rows. Read backwards, every column turns.
    private static final String CATEGORY_NEWEST = "SELECT entry_id FROM entry_category WHERE category = :category"
            + " ORDER BY category, published DESC, entry_id DESC";
    private static final String CATEGORY_OLDEST = "SELECT entry_id FROM entry_category WHERE category = :category"
            + " ORDER BY category DESC, published, entry_id";

    /** The entries of a stretch of a listing, newest first, and the latest change to the listing. */
    record Stretch(FeedState changed, List<Long> ids) {
    }

    private record Counted(FeedState changed, long entries) {
    }

    private Listings() {
    }

    /**
     * The ids of the entries at positions {@code offset} to {@code offset + max - 1} of
     * {@code category}'s listing (all entries when it is {@code null}), newest first.
     *
     * @param state the feed state the read belongs to: the latest change to all entries
     */
    static Stretch read(Handle handle, String category, FeedState state, long offset, int max) {
        Optional<Counted> counted = handle.createQuery("SELECT revision, modified, entries FROM category_state"
                        + " WHERE category = :category")
                .bind("category", category == null ? "" : category)
                .map((rs, ctx) -> new Counted(new FeedState(rs.getLong("revision"), Timestamps.read(rs, "modified")),
                        rs.getLong("entries")))
                .findOne();
        if (category == null) {
            // The count of all entries is missing only before the first start has filled the table.
            ListingWindow window = ListingWindow.of(counted.map(Counted::entries).orElse(Long.MAX_VALUE), offset, max);
            return new Stretch(state, ids(handle, window.fromOldest() ? ALL_OLDEST : ALL_NEWEST, null, window));
        }
        Counted found = counted.orElse(new Counted(new FeedState(0, state.modified()), 0));
        ListingWindow window = ListingWindow.of(found.entries(), offset, max);
        return new Stretch(found.changed(),
                ids(handle, window.fromOldest() ? CATEGORY_OLDEST : CATEGORY_NEWEST, category, window));
    }

    private static List<Long> ids(Handle handle, String select, String category, ListingWindow window) {
        if (window.limit() == 0) {
            return List.of();
        }
        Query query = handle.createQuery(select + " LIMIT :limit OFFSET :offset")
                .bind("limit", window.limit()).bind("offset", window.offset());
        if (category != null) {
            query.bind("category", category);
        }
        List<Long> ids = new ArrayList<>(query.mapTo(Long.class).list());
        if (window.fromOldest()) {
            Collections.reverse(ids);
        }
        return ids;
    }
}
