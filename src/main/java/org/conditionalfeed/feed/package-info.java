/**
 * The public feed: {@link FeedRenderer} turns entries into RSS 2.0 bytes with ROME (a pure
 * function; ROME's mutable objects never leave it), {@link FeedPublisher} keeps the rendered
 * bytes of the current revision, and {@link FeedServlet} and {@link EntryPageServlet} answer
 * readers through the conditional-GET rules of the {@code http} package. Entry content is shown
 * as HTML only through {@link ContentSanitizer}; {@link EntryPageRenderer} renders the entry page
 * from its JTE template and gives library images their thumbnails ({@link ResponsiveImages},
 * {@link Srcset}) from what {@link LibraryImages} says about them.
 *
 * <p>Wired by {@code boot}, which answers {@link LibraryImages} from the media and thumbnail
 * packages; reads entries through {@code store}.
 */
package org.conditionalfeed.feed;
