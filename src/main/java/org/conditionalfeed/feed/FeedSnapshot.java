package org.conditionalfeed.feed;

import org.conditionalfeed.http.Representation;

/**
 * The feed of one revision, rendered once: identity and gzip bytes with their own entity tags.
 *
 * @param revision the feed revision these bytes show
 * @param identity the uncompressed representation
 * @param gzip its gzip-coded variant
 */
public record FeedSnapshot(long revision, Representation identity, Representation gzip) {
}
