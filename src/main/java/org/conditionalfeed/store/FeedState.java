package org.conditionalfeed.store;

import java.time.Instant;

/**
 * The version of what the feed shows.
 *
 * @param revision grows by one with every change
 * @param modified whole-second UTC time of the latest change; never moves backwards
 */
public record FeedState(long revision, Instant modified) {
}
