package org.conditionalfeed.store;

import java.time.Instant;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Which feeds' entries a revision may have changed: the categories in use, each with the revision
 * of the latest change that touched it (an entry added to it, edited in it or removed from it).
 * Every change takes a new revision, higher than every earlier one, so a category whose revision
 * did not move holds the very same entries in the very same versions. All entries together move
 * with every change: their stamp is the state's revision.
 *
 * @param state the feed state this index belongs to
 * @param restarted the modification time claimed by the latest start
 *     ({@link FeedStateRepository#claimRestart()}); no {@code Last-Modified} may be earlier
 * @param entries how many entries there are
 * @param categories the categories in use (at least one entry), sorted
 */
public record FeedIndex(FeedState state, Instant restarted, long entries, NavigableMap<String, Category> categories) {

    /**
     * A category in use.
     *
     * @param revision the revision of the latest change to its entries
     * @param entries how many entries it has
     */
    public record Category(long revision, long entries) {
    }

    public FeedIndex {
        categories = Collections.unmodifiableNavigableMap(new TreeMap<>(categories));
    }

    /**
     * The revision of the latest change to the entries of {@code category}, or of all entries when
     * it is {@code null}; empty for a category no entry has.
     */
    public OptionalLong stamp(String category) {
        if (category == null) {
            return OptionalLong.of(state.revision());
        }
        Category found = categories.get(category);
        return found == null ? OptionalLong.empty() : OptionalLong.of(found.revision());
    }

    /** How many entries {@code category} has (all entries when it is {@code null}). */
    public long entries(String category) {
        if (category == null) {
            return entries;
        }
        Category found = categories.get(category);
        return found == null ? 0 : found.entries();
    }
}
