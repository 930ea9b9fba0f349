/**
 * The public feed: {@link FeedRenderer} turns entries into RSS 2.0 bytes with ROME (a pure
 * function; ROME's mutable objects never leave it), {@link FeedPublisher} keeps the rendered
 * bytes of the current revision, and {@link FeedServlet} and {@link EntryPageServlet} answer
 * readers through the conditional-GET rules of the {@code http} package. Entry content is shown
 * as HTML only through {@link ContentSanitizer}.
 *
 * <p>Wired by {@code boot}; reads entries through {@code store}.
 */
package org.conditionalfeed.feed;
