package org.conditionalfeed.websub;

/**
 * A claimed ping: tell {@code hub} that {@code topic} (a feed URL) changed.
 *
 * @param generation the row's generation when claimed; a newer change of the feed bumps it
 * @param attempts how many sends failed before this one
 */
record Ping(String hub, String topic, long generation, int attempts) {
}
