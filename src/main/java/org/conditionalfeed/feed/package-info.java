/**
 * The public feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1 of all entries ({@code /feed.xml},
 * {@code /feed.atom}, {@code /feed.json}) and of each category in use
 * ({@code /categories/{category}/feed.xml} and so on), each a {@link FeedKey}. The renderers
 * ({@link FeedRenderer} for RSS, {@code AtomRenderer}, {@code JsonFeedRenderer}) are pure
 * functions of a {@code FeedView} to bytes; ROME's and Jackson's objects never leave them.
 * {@link FeedPublisher} decides which feeds a change touches, keeps the rendered bytes in a
 * bounded cache and gives each feed validators of its own. {@link FeedServlet} and
 * {@link EntryPageServlet} answer readers through the conditional-GET rules of the {@code http}
 * package. Entry content is shown as HTML, in pages and feeds alike, only through
 * {@link ContentSanitizer}; {@link EntryPageRenderer} renders the entry page from its JTE template
 * and gives library images their thumbnails ({@link ResponsiveImages}, {@link Srcset}) from what
 * {@link LibraryImages} says about them. An entry's enclosure links to its medium through
 * {@link EnclosureLinks}.
 *
 * <p><b>Which feeds changed.</b> {@link FeedChanges#onChange} registers a listener that gets,
 * after each change, the set of feed paths (relative to the application's root, e.g.
 * {@code /feed.xml}, {@code /categories/java/feed.atom}, the category percent-encoded as in the
 * URL) whose identity bytes got a new digest, which is exactly when their entity tag and
 * {@code Last-Modified} moved. For a change this process commits, the listeners are called once,
 * in the writing thread, after the commit and before the write is answered, with every such
 * feed the change touched; a feed whose new bytes a reader's request renders first (a change by
 * another instance sharing the database, or a reader quicker than the writer) is reported from
 * that request's thread instead. Each change
 * of a feed's bytes is reported once among all instances sharing a database. A publisher (WebSub)
 * should hand its network work to a thread of its own:
 *
 * <pre>{@code
 * feedChanges.onChange(paths -> executor.execute(() -> paths.forEach(path -> hub.ping(baseUrl + path))));
 * }</pre>
 *
 * <p>Wired by {@code boot}, which answers {@link LibraryImages} and {@link EnclosureLinks} from the
 * media and thumbnail packages; reads entries and records feed versions through {@code store}.
 */
package org.conditionalfeed.feed;
