package org.conditionalfeed.store;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Keeps {@code entry_category} and {@code category_state} in step with an entry's write, inside
 * that write's transaction (which holds the feed state's row lock, so writes never interleave
 * here): the entry's rows for the categories it left are removed and those it joined added, and
 * every category it was or is in takes the write's revision, its time, and its new number of
 * entries.
 * Thread-safe (stateless).
 */
final class EntryCategories {

    private EntryCategories() {
    }

    /**
     * Records that entry {@code entryId} was in {@code before} and is now in {@code after} (empty
     * lists for a created and a deleted entry), as of {@code change}; {@code entriesDelta} is 1
     * for a created entry, -1 for a deleted one, 0 for an edit, counted in the row of category
     * {@code ''}, which holds the number of all entries.
     */
    static void changed(Handle handle, FeedState change, long entryId, Instant published, List<String> before,
            List<String> after, int entriesDelta) {
        state(handle, "", change, entriesDelta);
        Set<String> left = new LinkedHashSet<>(before);
        Set<String> joined = new LinkedHashSet<>(after);
        Set<String> touched = new LinkedHashSet<>(left);
        touched.addAll(joined);
        for (String category : touched) {
            int delta = (joined.contains(category) ? 1 : 0) - (left.contains(category) ? 1 : 0);
            if (delta < 0) {
                handle.createUpdate("DELETE FROM entry_category WHERE category = :category AND entry_id = :id")
                        .bind("category", category).bind("id", entryId).execute();
            } else if (delta > 0) {
                handle.createUpdate("INSERT INTO entry_category (category, entry_id, published)"
                                + " VALUES (:category, :id, :published)")
                        .bind("category", category).bind("id", entryId)
                        .bind("published", Timestamps.argument(published)).execute();
            }
            state(handle, category, change, delta);
        }
    }

    /** Moves {@code category}'s revision and its time to {@code change}'s, and its count by {@code delta}. */
    static void state(Handle handle, String category, FeedState change, long delta) {
        int updated = handle.createUpdate("UPDATE category_state SET revision = :revision, modified = :modified,"
                        + " entries = entries + :delta WHERE category = :category")
                .bind("category", category).bind("revision", change.revision())
                .bind("modified", Timestamps.argument(change.modified())).bind("delta", delta).execute();
        if (updated == 0) {
            handle.createUpdate("INSERT INTO category_state (category, revision, modified, entries)"
                            + " VALUES (:category, :revision, :modified, :delta)")
                    .bind("category", category).bind("revision", change.revision())
                    .bind("modified", Timestamps.argument(change.modified())).bind("delta", delta).execute();
        }
    }
}
