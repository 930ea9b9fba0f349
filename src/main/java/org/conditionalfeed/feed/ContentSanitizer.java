package org.conditionalfeed.feed;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Makes an entry's HTML content safe to show inside one of this site's pages: what the
 * administrator wrote is stored as written and passes through here when it is rendered. Built on
 * jsoup's {@link Safelist#relaxed()} (text formatting, links, images, lists, tables, quotes,
 * code) with a few more harmless elements. Everything else goes, with its attributes: no
 * {@code script} or {@code style}, no event handlers, no {@code iframe}, {@code form},
 * {@code meta} (so no {@code http-equiv=refresh} that navigates the reader away), {@code base},
 * {@code object} or {@code embed}, no {@code javascript:} or other scheme outside http, https and
 * mailto (and {@code data:} images). Relative URLs are made absolute against the blog's public
 * base URL, so the content means the same wherever it is shown.
 *
 * <p>Stateless and thread-safe: the safelist is built once and only read.
 */
final class ContentSanitizer {

    private static final Safelist SAFELIST = Safelist.relaxed()
            .addTags("hr", "figure", "figcaption", "del", "ins", "s", "mark", "abbr", "kbd", "samp", "var", "time")
            .addAttributes("abbr", "title")
            .addAttributes("time", "datetime")
            .addAttributes("del", "cite", "datetime")
            .addAttributes("ins", "cite", "datetime")
            .addProtocols("del", "cite", "http", "https")
            .addProtocols("ins", "cite", "http", "https")
            .addProtocols("img", "src", "data");

    private ContentSanitizer() {
    }

    /**
     * The safe subset of {@code html}, with relative URLs resolved against {@code baseUrl}.
     *
     * @param html content as the administrator wrote it; {@code null} gives ""
     * @param baseUrl the blog's public base URL ({@code FEED_BASE_URL}), without a trailing slash
     */
    static String sanitize(String html, String baseUrl) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        Document.OutputSettings output = new Document.OutputSettings().prettyPrint(false);
        return Jsoup.clean(html, baseUrl + "/", SAFELIST, output);
    }
}
