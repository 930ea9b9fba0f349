package org.conditionalfeed.store;

import java.util.List;

/**
 * The newest entries, each with a bounded part of its content, together with the feed state
 * they belong to, read consistently: the entries are exactly those of {@code state.revision()}.
 *
 * @param state the feed state
 * @param excerpts newest first
 */
public record ExcerptSlice(FeedState state, List<EntryExcerpt> excerpts) {

    public ExcerptSlice {
        excerpts = List.copyOf(excerpts);
    }
}
