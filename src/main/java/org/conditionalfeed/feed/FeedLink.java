package org.conditionalfeed.feed;

import java.util.List;

/**
 * A {@code <link rel="alternate">} of a page to one of its feeds, as the page templates write it.
 *
 * @param type the feed's media type, e.g. {@code application/atom+xml}
 * @param title what a reader shows for it, e.g. {@code My blog (Atom)}
 * @param href the feed's absolute URL
 */
public record FeedLink(String type, String title, String href) {

    /** The links to the three feeds of {@code key}'s entries, RSS first. */
    static List<FeedLink> of(FeedChannel channel, FeedKey key, String title) {
        return FeedFormat.FEEDS.stream().map(format -> new FeedLink(format.mediaType(),
                title + " (" + label(format) + ")", channel.baseUrl() + key.in(format).path())).toList();
    }

    private static String label(FeedFormat format) {
        return switch (format) {
            case RSS -> "RSS";
            case ATOM -> "Atom";
            case JSON -> "JSON Feed";
            case HTML -> "HTML";
        };
    }
}
