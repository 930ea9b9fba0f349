package org.conditionalfeed.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads the {@link FeedIndex}: one pass over the entries' ids, categories and revisions (never
 * their content), newest first, between two reads of the feed state, so the index is exactly
 * that revision's. What it keeps is bounded by the feeds' item count per category, whatever the
 * number of entries.
 *
 * <p>Thread-safe.
 */
public final class FeedIndexRepository {

    private final Jdbi jdbi;

    public FeedIndexRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The index of the current revision, with the newest {@code maxItems} ids of each selection. */
    public FeedIndex read(int maxItems) {
        return ConsistentReads.read(jdbi, (handle, state) -> read(handle, state, maxItems));
    }

    private static FeedIndex read(Handle handle, FeedState state, int maxItems) {
        Instant restarted = handle.createQuery("SELECT restarted FROM feed_state WHERE id = 1")
                .map((rs, ctx) -> Timestamps.read(rs, "restarted")).one();
        Tally all = new Tally();
        Map<String, Tally> categories = new HashMap<>();
        handle.createQuery("SELECT id, categories, revision FROM entry ORDER BY published DESC, id DESC")
                .setFetchSize(1000)
                .map((rs, ctx) -> {
                    long id = rs.getLong("id");
                    long revision = rs.getLong("revision");
                    all.add(id, revision, maxItems);
                    for (String category : EntryRepository.decodeCategories(rs.getString("categories"))) {
                        categories.computeIfAbsent(category, name -> new Tally()).add(id, revision, maxItems);
                    }
                    return id;
                })
                .forEach(id -> { });
        NavigableMap<String, Selection> selections = new TreeMap<>();
        categories.forEach((name, tally) -> selections.put(name, tally.selection()));
        return new FeedIndex(state, restarted, all.selection(), selections);
    }

    /** Counts a selection's entries while the newest-first pass goes by. Not thread-safe. */
    private static final class Tally {
        private long count;
        private long maxRevision;
        private final List<Long> newest = new ArrayList<>();

        void add(long id, long revision, int maxItems) {
            count++;
            maxRevision = Math.max(maxRevision, revision);
            if (newest.size() < maxItems) {
                newest.add(id);
            }
        }

        Selection selection() {
            return new Selection(count, maxRevision, newest);
        }
    }
}
