package org.conditionalfeed.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.conditionalfeed.store.Entry;

/**
 * Renders JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) with Jackson: {@code version},
 * {@code title}, {@code home_page_url}, {@code feed_url}, {@code description},
 * {@code language}, {@code hubs} with WebSub, and {@code items}, newest first, each with {@code id} (the entry's permanent
 * {@code urn:uuid}), {@code url}, {@code title}, {@code content_html} (bounded and sanitized, see
 * {@link FeedView}; empty for an entry without content, as every item must carry a content),
 * {@code date_published} and {@code date_modified} (RFC 3339, UTC), and {@code authors} and
 * {@code tags} when the entry has them, and for an enclosure {@code attachments} with its
 * {@code url}, {@code mime_type} and {@code size_in_bytes}. Members in a fixed order, so the bytes are a function of
 * the entries.
 *
 * <p>Thread-safe: the mapper is configured once and only used.
 */
final class JsonFeedRenderer implements FormatRenderer {

    static final String VERSION = "https://jsonfeed.org/version/1.1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final EnclosureLinks enclosureLinks;
    private final List<String> hubs;

    /**
     * @param enclosureLinks the URLs of the media that entries name as their enclosures
     * @param hubs the WebSub hubs the feed names ({@code hubs}, type {@code WebSub}); empty: none
     */
    JsonFeedRenderer(EnclosureLinks enclosureLinks, List<String> hubs) {
        this.enclosureLinks = enclosureLinks;
        this.hubs = List.copyOf(hubs);
    }

    @Override
    public byte[] render(FeedView view) {
        ObjectNode feed = MAPPER.createObjectNode();
        feed.put("version", VERSION);
        feed.put("title", view.title());
        feed.put("home_page_url", view.homeUrl());
        feed.put("feed_url", view.selfUrl());
        feed.put("description", view.description());
        feed.put("language", view.channel().language());
        if (!hubs.isEmpty()) {
            ArrayNode hubList = feed.putArray("hubs");
            hubs.forEach(hub -> hubList.addObject().put("type", "WebSub").put("url", hub));
        }
        ArrayNode items = feed.putArray("items");
        for (Entry entry : view.entries()) {
            item(view, entry, items.addObject());
        }
        try {
            return MAPPER.writeValueAsBytes(feed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Jackson could not write the JSON feed", e);
        }
    }

    private void item(FeedView view, Entry entry, ObjectNode item) {
        item.put("id", entry.guid());
        item.put("url", view.linkOf(entry));
        item.put("title", entry.title());
        item.put("content_html", entry.content() == null ? "" : entry.content());
        item.put("date_published", entry.published().toString());
        item.put("date_modified", entry.updated().toString());
        if (entry.author() != null) {
            item.putArray("authors").addObject().put("name", entry.author());
        }
        if (!entry.categories().isEmpty()) {
            ArrayNode tags = item.putArray("tags");
            entry.categories().forEach(tags::add);
        }
        if (entry.enclosure() != null) {
            item.putArray("attachments").addObject()
                    .put("url", enclosureLinks.url(entry.enclosure()))
                    .put("mime_type", entry.enclosure().type())
                    .put("size_in_bytes", entry.enclosure().length());
        }
    }
}
