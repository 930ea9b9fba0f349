package org.conditionalfeed.store;

import java.time.Instant;
import java.util.List;

/**
 * The newest entries, each with a bounded part of its content, together with the feed state
 * they belong to, read consistently: the entries are exactly those of {@code state.revision()}.
 *
 * @param state the feed state
 * @param stamp the revision of the latest change to the entries read from: the state's for all
 *     entries, the category's for one category (see {@link FeedIndex#stamp})
 * @param changed the time of that change: the state's modification time for all entries, the
 *     time recorded with the category's revision for one category
 * @param excerpts newest first
 */
public record ExcerptSlice(FeedState state, long stamp, Instant changed, List<EntryExcerpt> excerpts) {

    public ExcerptSlice {
        excerpts = List.copyOf(excerpts);
    }
}
