package org.conditionalfeed.store;

import java.util.List;

/**
 * The newest entries together with the feed state they belong to, read consistently: the
 * entries are exactly those of {@code state.revision()}.
 *
 * @param state the feed state
 * @param entries newest first
 */
public record FeedSlice(FeedState state, List<Entry> entries) {

    public FeedSlice {
        entries = List.copyOf(entries);
    }
}
