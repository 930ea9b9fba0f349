package org.conditionalfeed.store;

import java.time.Instant;

/**
 * The recorded version of one feed's bytes.
 *
 * @param modified the time its current bytes were first recorded: whole seconds UTC, never
 *     moving backwards, strictly later with every change of the bytes
 * @param changed whether this recording replaced other bytes (or was the feed's first)
 */
public record FeedVersion(Instant modified, boolean changed) {
}
