package org.conditionalfeed.store;

import java.util.List;

/**
 * What one feed's selection of entries (all of them, or those of one category) looks like at a
 * revision: how many entries it holds, the highest revision among them, and the ids of its newest
 * ones. Every write gives the entry it touches the new revision, higher than every existing one,
 * so two readings with the same {@code count} and {@code maxRevision} hold the very same entries
 * in the very same versions: anything added or edited in between would have raised
 * {@code maxRevision}, and anything removed lowered {@code count}, which only an addition (again
 * raising {@code maxRevision}) can make up for. That pair is the selection's stamp
 * ({@link #sameEntriesAs}); a feed whose stamp did not move needs no new render.
 *
 * @param count entries in the selection
 * @param maxRevision the highest revision among them, 0 when there are none
 * @param newestIds the ids of the newest entries, newest first, at most the feed's item count
 */
public record Selection(long count, long maxRevision, List<Long> newestIds) {

    public Selection {
        newestIds = List.copyOf(newestIds);
    }

    /** Whether this reading holds the same entries in the same versions as {@code other}. */
    public boolean sameEntriesAs(Selection other) {
        return other != null && count == other.count && maxRevision == other.maxRevision;
    }
}
