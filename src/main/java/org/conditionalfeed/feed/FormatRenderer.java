package org.conditionalfeed.feed;

/**
 * Writes a {@link FeedView} in one format: a pure function of the view to UTF-8 bytes. Nothing
 * else goes in (no time of rendering, nothing random), so the same entries under the same
 * settings give the same bytes on every instance and after every restart, which the
 * content-derived entity tags and the per-feed {@code Last-Modified} rely on.
 */
interface FormatRenderer {

    /** The feed document. */
    byte[] render(FeedView view);
}
