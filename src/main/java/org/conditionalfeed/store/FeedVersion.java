package org.conditionalfeed.store;

import java.time.Instant;

/**
 * The recorded version of one feed's bytes.
 *
 * @param modified the time its current bytes were first recorded: whole seconds UTC, never
 *     moving backwards, strictly later with every change of the bytes
 * @param changed whether this recording replaced other bytes (or was the feed's first)
 * @param stale whether the bytes were rendered from an older revision than those recorded
 *     already: nothing was recorded, and they must be rendered again from a newer revision
 */
public record FeedVersion(Instant modified, boolean changed, boolean stale) {
}
