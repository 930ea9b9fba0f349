package org.conditionalfeed.feed;

import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.conditionalfeed.store.Entry;

/**
 * Renders the app's own HTML page of an entry, the item link of entries without a link of their
 * own, from the template {@code src/main/jte/feed/entry.jte}, which escapes every text field. The
 * content is the administrator's HTML, shown through {@link ContentSanitizer} (nothing that runs,
 * navigates, submits or re-bases the page), its library images given thumbnails by
 * {@link ResponsiveImages}, under a Content-Security-Policy that lets no script run, no form
 * submit and no {@code base} apply.
 *
 * <p>Thread-safe.
 */
public final class EntryPageRenderer {

    public static final String CONTENT_TYPE = "text/html; charset=UTF-8";
    public static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; img-src * data:; style-src 'unsafe-inline'; frame-ancestors 'none'; "
                    + "form-action 'none'; base-uri 'none'";

    private final TemplateEngine templates;
    private final ResponsiveImages images;

    /**
     * @param templates the precompiled page templates
     * @param library what the media library knows about an image URL in an entry's content
     */
    public EntryPageRenderer(TemplateEngine templates, LibraryImages library) {
        this.templates = templates;
        this.images = new ResponsiveImages(library);
    }

    /**
     * What the entry template shows.
     *
     * @param sanitizedContent the entry's content after {@link ContentSanitizer}: the one value the
     *     template writes unescaped
     */
    record EntryPage(String title, String channelTitle, String feedUrl, List<FeedLink> feeds, String published,
            String author, List<String> categories, String sanitizedContent) {
    }

    /** The page's bytes. */
    public byte[] render(FeedChannel channel, Entry entry) {
        String content = images.addThumbnails(ContentSanitizer.sanitize(entry.content(), channel.baseUrl()),
                channel.baseUrl());
        EntryPage page = new EntryPage(entry.title(), channel.title(), channel.baseUrl() + "/feed.xml",
                FeedLink.of(channel, FeedKey.main(FeedFormat.RSS), channel.title()), entry.published().toString(), entry.author(), entry.categories(), content);
        StringOutput output = new StringOutput(1024 + content.length());
        templates.render("feed/entry.jte", page, output);
        return output.toString().getBytes(StandardCharsets.UTF_8);
    }
}
