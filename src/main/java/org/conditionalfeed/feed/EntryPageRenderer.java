package org.conditionalfeed.feed;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import org.conditionalfeed.http.Html;
import org.conditionalfeed.store.Entry;

/**
 * Renders the app's own HTML page of an entry, the item link of entries without a link of their
 * own. Every text field is escaped; the content is the administrator's HTML, shown through
 * {@link ContentSanitizer} (nothing that runs, navigates, submits or re-bases the page) and under
 * a Content-Security-Policy that lets no script run, no form submit and no {@code base} apply.
 *
 * <p>Stateless and thread-safe.
 */
public final class EntryPageRenderer {

    public static final String CONTENT_TYPE = "text/html; charset=UTF-8";
    public static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; img-src * data:; style-src 'unsafe-inline'; frame-ancestors 'none'; "
                    + "form-action 'none'; base-uri 'none'";

    /** The page's bytes. */
    public byte[] render(FeedChannel channel, Entry entry) {
        StringBuilder html = new StringBuilder(1024 + (entry.content() == null ? 0 : entry.content().length()));
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.escape(entry.title())).append(" - ").append(Html.escape(channel.title()))
                .append("</title>\n<link rel=\"alternate\" type=\"application/rss+xml\" href=\"")
                .append(Html.escape(channel.baseUrl() + "/feed.xml")).append("\">\n")
                .append("<style>body{max-width:42rem;margin:2rem auto;padding:0 1rem;font-family:sans-serif;"
                        + "line-height:1.5}</style>\n</head>\n<body>\n<article>\n<h1>")
                .append(Html.escape(entry.title())).append("</h1>\n<p><time datetime=\"")
                .append(entry.published()).append("\">")
                .append(DateTimeFormatter.ISO_INSTANT.format(entry.published())).append("</time>");
        if (entry.author() != null) {
            html.append(" by ").append(Html.escape(entry.author()));
        }
        html.append("</p>\n");
        if (!entry.categories().isEmpty()) {
            html.append("<p>");
            for (String category : entry.categories()) {
                html.append("<span class=\"category\">").append(Html.escape(category)).append("</span> ");
            }
            html.append("</p>\n");
        }
        html.append("<div class=\"content\">\n").append(ContentSanitizer.sanitize(entry.content(), channel.baseUrl()))
                .append("\n</div>\n</article>\n<p><a href=\"").append(Html.escape(channel.baseUrl() + "/feed.xml"))
                .append("\">").append(Html.escape(channel.title())).append(" feed</a></p>\n</body>\n</html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }
}
