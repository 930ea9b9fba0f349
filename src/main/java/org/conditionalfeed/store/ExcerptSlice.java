package org.conditionalfeed.store;

import java.util.List;

/**
 * The newest entries, each with a bounded part of its content, together with the feed state
 * they belong to, read consistently: the entries are exactly those of {@code state.revision()}.
 *
 * @param state the feed state
 * @param stamp the revision of the latest change to the entries read from: the state's for all
 *     entries, the category's for one category (see {@link FeedIndex#stamp})
 * @param excerpts newest first
 */
public record ExcerptSlice(FeedState state, long stamp, List<EntryExcerpt> excerpts) {

    public ExcerptSlice {
        excerpts = List.copyOf(excerpts);
    }
}
