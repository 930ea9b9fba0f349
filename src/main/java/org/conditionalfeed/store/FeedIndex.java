package org.conditionalfeed.store;

import java.time.Instant;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every feed's selection of entries at one revision, read consistently: the whole blog's and
 * each category's in use.
 *
 * @param state the feed state these selections belong to
 * @param restarted the modification time claimed by the latest start
 *     ({@link FeedStateRepository#claimRestart()}); no {@code Last-Modified} may be earlier
 * @param all every entry
 * @param categories the categories in use, by name (sorted), each with its entries
 */
public record FeedIndex(FeedState state, Instant restarted, Selection all, NavigableMap<String, Selection> categories) {

    public FeedIndex {
        categories = Collections.unmodifiableNavigableMap(new TreeMap<>(categories));
    }

    /** The selection of {@code category}, or of all entries when it is {@code null}; empty for a category not in use. */
    public Optional<Selection> selection(String category) {
        return category == null ? Optional.of(all) : Optional.ofNullable(categories.get(category));
    }
}
