package org.conditionalfeed.feed;

import gg.jte.TemplateEngine;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The renderer of each {@link FeedFormat}: ROME for RSS and Atom, Jackson for JSON Feed, the
 * {@code feed/listing.jte} template for the HTML page. Immutable and thread-safe.
 */
public final class FeedRenderers {

    private final Map<FeedFormat, FormatRenderer> renderers = new EnumMap<>(FeedFormat.class);

    /**
     * @param enclosureLinks the URLs of the media that entries name as their enclosures
     * @param hubs the WebSub hubs every feed names; empty: none
     * @param templates the precompiled page templates
     */
    public FeedRenderers(EnclosureLinks enclosureLinks, List<String> hubs, TemplateEngine templates) {
        renderers.put(FeedFormat.RSS, new FeedRenderer(enclosureLinks, hubs));
        renderers.put(FeedFormat.ATOM, new AtomRenderer(enclosureLinks, hubs));
        renderers.put(FeedFormat.JSON, new JsonFeedRenderer(enclosureLinks, hubs));
        renderers.put(FeedFormat.HTML, new ListingRenderer(templates));
    }

    FormatRenderer of(FeedFormat format) {
        return renderers.get(format);
    }
}
