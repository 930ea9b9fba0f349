package org.conditionalfeed.feed;

import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.conditionalfeed.store.Entry;
import org.jsoup.Jsoup;

/**
 * Renders the HTML page of a feed's entries, twenty a page, from the template
 * {@code src/main/jte/feed/listing.jte}, which escapes everything: the home page {@code /} and
 * each category's {@code /categories/{category}/}. Each entry shows its title, linked to it, its
 * date, its categories (linked to their pages) and a plain-text summary of its content; the page
 * links to its feeds ({@code <link rel="alternate">} for RSS, Atom and JSON Feed) and to the
 * newer and older pages. A pure function of the view, like the feed renderers.
 *
 * <p>Thread-safe.
 */
final class ListingRenderer implements FormatRenderer {

    /** Entries per page. */
    static final int PER_PAGE = 20;
    /** Characters of content read for a summary, and the summary's length at most. */
    static final int READ_CHARS = 2048;
    private static final int SUMMARY_CHARS = 280;

    private final TemplateEngine templates;

    ListingRenderer(TemplateEngine templates) {
        this.templates = templates;
    }

    /** One entry as the page lists it. */
    record Item(String title, String url, String published, String summary, List<FeedLink> categories) {
    }

    /** What the template shows; {@code newerUrl} and {@code olderUrl} are {@code null} at either end. */
    record ListingPage(String language, String title, String heading, String description, List<FeedLink> feeds,
            List<Item> items, String newerUrl, String olderUrl, String homeUrl) {
    }

    @Override
    public byte[] render(FeedView view) {
        FeedChannel channel = view.channel();
        FeedKey key = view.key();
        List<Item> items = new ArrayList<>();
        for (Entry entry : view.entries().subList(0, Math.min(PER_PAGE, view.entries().size()))) {
            List<FeedLink> categories = entry.categories().stream().map(category -> new FeedLink("text/html",
                    category, channel.baseUrl() + FeedKey.categoryPath(category))).toList();
            items.add(new Item(entry.title(), view.linkOf(entry), entry.published().toString(),
                    summary(entry.content()), categories));
        }
        String self = channel.baseUrl() + key.page(1).path();
        String newer = key.page() == 1 ? null : key.page() == 2 ? self : channel.baseUrl() + key.page(key.page() - 1).path();
        String older = view.entries().size() > PER_PAGE ? channel.baseUrl() + key.page(key.page() + 1).path() : null;
        String heading = key.category() == null ? channel.title() : key.category();
        String title = view.title() + (key.page() == 1 ? "" : " \u2013 page " + key.page());
        ListingPage page = new ListingPage(channel.language(), title, heading, view.description(),
                FeedLink.of(channel, key, view.title()), items, newer, older, channel.baseUrl() + "/");
        StringOutput output = new StringOutput(4096);
        templates.render("feed/listing.jte", page, output);
        return output.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The content's text, cut at a space near {@link #SUMMARY_CHARS} with an ellipsis. */
    static String summary(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        String text = Jsoup.parse(html).text();
        if (text.length() <= SUMMARY_CHARS) {
            return text;
        }
        int cut = text.lastIndexOf(' ', SUMMARY_CHARS);
        return text.substring(0, cut > SUMMARY_CHARS / 2 ? cut : SUMMARY_CHARS).strip() + " \u2026";
    }
}
