package org.conditionalfeed.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the {@link FeedIndex} from {@code category_state}, which every write keeps in step: given
 * the index of an earlier revision, only the categories changed since (one indexed query, however
 * large the blog), read consistently with the feed state. Also fills {@code entry_category} and
 * {@code category_state} once for entries written before they existed.
 *
 * <p>Thread-safe.
 */
public final class FeedIndexRepository {

    private static final Logger LOG = LoggerFactory.getLogger(FeedIndexRepository.class);
    /** Entries read per query while filling the category tables. */
    private static final int FILL_PAGE = 1000;

    private final Jdbi jdbi;

    public FeedIndexRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * The index of the current revision.
     *
     * @param previous the index of an earlier revision, or {@code null}: then every category is read
     */
    public FeedIndex read(FeedIndex previous) {
        return ConsistentReads.read(jdbi, (handle, state) -> {
            Instant restarted = handle.createQuery("SELECT restarted FROM feed_state WHERE id = 1")
                    .map((rs, ctx) -> Timestamps.read(rs, "restarted")).one();
            boolean incremental = previous != null && previous.state().revision() <= state.revision();
            NavigableMap<String, FeedIndex.Category> categories = incremental ? new TreeMap<>(previous.categories())
                    : new TreeMap<>();
            long[] all = {incremental ? previous.entries() : 0};
            handle.createQuery("SELECT category, revision, entries FROM category_state WHERE revision > :since")
                    .bind("since", incremental ? previous.state().revision() : -1L)
                    .map((rs, ctx) -> {
                        String category = rs.getString("category");
                        long entries = rs.getLong("entries");
                        if (category.isEmpty()) {
                            all[0] = entries;
                        } else if (entries > 0) {
                            categories.put(category, new FeedIndex.Category(rs.getLong("revision"), entries));
                        } else {
                            categories.remove(category);
                        }
                        return category;
                    })
                    .forEach(category -> { });
            return new FeedIndex(state, restarted, all[0], categories);
        });
    }

    /**
     * Fills {@code entry_category} and {@code category_state} from the entries, once: at the first
     * start with those tables, for the entries written before. Instances starting together do it
     * once (the feed state's row is locked first); writes wait meanwhile.
     */
    public void addMissingCategories() {
        jdbi.useTransaction(handle -> {
            handle.createQuery("SELECT revision FROM feed_state WHERE id = 1 FOR UPDATE").mapTo(Long.class).one();
            FeedState state = FeedStateRepository.read(handle);
            if (handle.createQuery("SELECT COUNT(*) FROM category_state WHERE category = ''").mapTo(Long.class).one() > 0) {
                return;
            }
            long started = System.nanoTime();
            Map<String, long[]> tallies = new HashMap<>();
            long entries = 0;
            long after = 0;
            List<Row> page;
            do {
                page = handle.createQuery("SELECT id, categories, published, revision FROM entry"
                                + " WHERE id > :after AND categories <> '' ORDER BY id LIMIT :page")
                        .bind("after", after).bind("page", FILL_PAGE)
                        .map((rs, ctx) -> new Row(rs.getLong("id"), rs.getString("categories"),
                                Timestamps.read(rs, "published"), rs.getLong("revision")))
                        .list();
                for (Row row : page) {
                    fill(handle, row, tallies);
                    after = row.id();
                }
                entries += page.size();
            } while (page.size() == FILL_PAGE);
            // Each category's latest change is at most as late as the feed's: take the feed's time.
            tallies.forEach((category, tally) -> EntryCategories.state(handle, category,
                    new FeedState(tally[1], state.modified()), tally[0]));
            EntryCategories.state(handle, "", state,
                    handle.createQuery("SELECT COUNT(*) FROM entry").mapTo(Long.class).one());
            if (entries > 0) {
                LOG.info("Indexed {} categories of {} entries for the category feeds in {} ms", tallies.size(), entries,
                        (System.nanoTime() - started) / 1_000_000);
            }
        });
    }

    private record Row(long id, String categories, Instant published, long revision) {
    }

    /** Adds one entry's rows and counts it in each of its categories: {@code [entries, highest revision]}. */
    private static void fill(Handle handle, Row row, Map<String, long[]> tallies) {
        for (String category : new LinkedHashSet<>(EntryRepository.decodeCategories(row.categories()))) {
            handle.createUpdate("INSERT INTO entry_category (category, entry_id, published)"
                            + " VALUES (:category, :id, :published)")
                    .bind("category", category).bind("id", row.id())
                    .bind("published", Timestamps.argument(row.published())).execute();
            long[] tally = tallies.computeIfAbsent(category, name -> new long[2]);
            tally[0]++;
            tally[1] = Math.max(tally[1], row.revision());
        }
    }
}
