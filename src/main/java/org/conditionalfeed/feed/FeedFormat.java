package org.conditionalfeed.feed;

import java.util.List;

/**
 * The formats every feed is served in, each at its own file name beside the others.
 * Thread-safe.
 */
public enum FeedFormat {
    /** RSS 2.0, written by ROME. */
    RSS("feed.xml", "application/rss+xml; charset=UTF-8"),
    /** Atom 1.0 (RFC 4287), written by ROME. */
    ATOM("feed.atom", "application/atom+xml; charset=UTF-8"),
    /** JSON Feed 1.1, written by Jackson. */
    JSON("feed.json", "application/feed+json; charset=UTF-8"),
    /**
     * The HTML page of the same entries, twenty a page, from a JTE template: the home page
     * {@code /} and each category's {@code /categories/{category}/}.
     */
    HTML("", "text/html; charset=UTF-8");

    /** The formats of the feeds proper, in the order pages link to them. */
    public static final List<FeedFormat> FEEDS = List.of(RSS, ATOM, JSON);

    private final String fileName;
    private final String contentType;

    FeedFormat(String fileName, String contentType) {
        this.fileName = fileName;
        this.contentType = contentType;
    }

    /** The last path segment of a feed in this format, e.g. {@code feed.atom}; empty for the page. */
    public String fileName() {
        return fileName;
    }

    /** The {@code Content-Type} of a feed in this format. */
    public String contentType() {
        return contentType;
    }

    /** The media type alone, e.g. {@code application/atom+xml}, as {@code <link type>} gives it. */
    public String mediaType() {
        return contentType.substring(0, contentType.indexOf(';'));
    }
}
