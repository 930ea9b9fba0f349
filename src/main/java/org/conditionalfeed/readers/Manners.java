package org.conditionalfeed.readers;

import java.util.Locale;

/**
 * What one request's headers say about its sender: whether it is a person's browser opening the
 * feed, and which validators it sent back. A pure function of the headers; thread-safe.
 *
 * @param browser whether a browser navigates to the URL ({@code Sec-Fetch-Mode: navigate},
 *     {@code Sec-Fetch-Dest: document}, or an {@code Accept} that prefers HTML to any feed type)
 * @param validators the validators the request carries
 */
public record Manners(boolean browser, Sent validators) {

    /** The validators a request carries. */
    public enum Sent {
        NONE, ENTITY_TAG, DATE, BOTH;

        /** Whether the request is conditional: it carries at least one validator. */
        public boolean conditional() {
            return this != NONE;
        }
    }

    /** Media types a feed reader asks for; a request that prefers HTML to all of them is a browser's. */
    private static final String[] FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/feed+json",
        "application/rdf+xml", "application/xml", "text/xml", "application/json"};

    /** Classifies a request from its header values, each {@code null} when absent. */
    public static Manners of(String ifNoneMatch, String ifModifiedSince, String secFetchMode, String secFetchDest,
            String accept) {
        boolean tag = ifNoneMatch != null && !ifNoneMatch.isBlank();
        boolean date = ifModifiedSince != null && !ifModifiedSince.isBlank();
        Sent sent = tag ? (date ? Sent.BOTH : Sent.ENTITY_TAG) : (date ? Sent.DATE : Sent.NONE);
        boolean browser = "navigate".equalsIgnoreCase(secFetchMode) || "document".equalsIgnoreCase(secFetchDest)
                || prefersHtml(accept);
        return new Manners(browser, sent);
    }

    /**
     * Whether {@code accept} gives HTML ({@code text/html} or {@code application/xhtml+xml}) a
     * quality above zero and higher than that of every feed type it lists, as browsers do
     * ({@code text/html,…,application/xml;q=0.9,…}); feed readers put the feed types first.
     */
    static boolean prefersHtml(String accept) {
        if (accept == null || !mentionsHtml(accept)) {
            return false;
        }
        double html = 0;
        double feed = 0;
        for (String range : accept.split(",")) {
            int semicolon = range.indexOf(';');
            String type = (semicolon < 0 ? range : range.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
            double quality = semicolon < 0 ? 1 : quality(range.substring(semicolon + 1));
            if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
                html = Math.max(html, quality);
            } else if (isFeedType(type)) {
                feed = Math.max(feed, quality);
            }
        }
        return html > 0 && html > feed;
    }

    /** A quick look before parsing, so a reader's {@code Accept} costs no allocation. */
    private static boolean mentionsHtml(String accept) {
        for (int i = 0; i + 4 <= accept.length(); i++) {
            if (accept.regionMatches(true, i, "html", 0, 4)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isFeedType(String type) {
        for (String feedType : FEED_TYPES) {
            if (feedType.equals(type)) {
                return true;
            }
        }
        return false;
    }

    /** The {@code q} parameter among {@code parameters}; 1 when absent, 0 when malformed. */
    private static double quality(String parameters) {
        for (String parameter : parameters.split(";")) {
            String trimmed = parameter.strip();
            if (trimmed.length() > 2 && (trimmed.charAt(0) == 'q' || trimmed.charAt(0) == 'Q')
                    && trimmed.charAt(1) == '=') {
                try {
                    double quality = Double.parseDouble(trimmed.substring(2).strip());
                    return quality >= 0 && quality <= 1 ? quality : 0;
                } catch (NumberFormatException malformed) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
