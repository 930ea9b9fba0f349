package org.conditionalfeed.feed;

import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.module.DCModuleImpl;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.rss.Category;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Enclosure;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.conditionalfeed.store.Entry;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Renders RSS 2.0 with ROME's {@code rss_2.0} generator. The channel carries title, link,
 * description, {@code language}, the newest item's {@code pubDate} and an
 * {@code atom:link rel="self"}; each item has title, link, guid (the entry's permanent
 * {@code urn:uuid}, not a permalink), {@code pubDate}, description (bounded and sanitized, see
 * {@link FeedView}), plus categories, a {@code dc:creator} and an {@code <enclosure>} (the
 * medium's absolute URL, exact length and stored type) when the entry has them. No
 * {@code dc:date} beside {@code pubDate}: the document is built from ROME's RSS objects, which
 * add no Dublin Core dates of their own. With WebSub hubs, the channel names each with
 * {@code <atom:link rel="hub">}.
 *
 * <p>Thread-safe: ROME objects are created per call and never escape.
 */
public final class FeedRenderer implements FormatRenderer {

    private static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");

    /** Where the main RSS feed is served, below the base URL. */
    public static final String PATH = "/feed.xml";

    private final EnclosureLinks enclosureLinks;
    private final List<String> hubs;

    /**
     * @param enclosureLinks the URLs of the media that entries name as their enclosures
     * @param hubs the WebSub hubs every feed names; empty: none
     */
    public FeedRenderer(EnclosureLinks enclosureLinks, List<String> hubs) {
        this.enclosureLinks = enclosureLinks;
        this.hubs = List.copyOf(hubs);
    }

    @Override
    public byte[] render(FeedView view) {
        Channel channel = new Channel("rss_2.0");
        channel.setEncoding("UTF-8");
        channel.setTitle(view.title());
        channel.setLink(view.homeUrl());
        channel.setDescription(view.description());
        channel.setLanguage(view.channel().language());
        if (!view.entries().isEmpty()) {
            channel.setPubDate(Date.from(view.entries().get(0).published()));
        }
        channel.setGenerator("conditional-feed");
        List<Item> items = new ArrayList<>(view.entries().size());
        for (Entry entry : view.entries()) {
            items.add(item(view, entry));
        }
        channel.setItems(items);
        try {
            Document document = new WireFeedOutput().outputJDom(channel);
            Element root = document.getRootElement();
            root.addNamespaceDeclaration(ATOM);
            Element self = new Element("link", ATOM).setAttribute("href", view.selfUrl())
                    .setAttribute("rel", "self").setAttribute("type", FeedFormat.RSS.mediaType());
            Element rss = root.getChild("channel");
            rss.addContent(0, self);
            for (int i = 0; i < hubs.size(); i++) {
                rss.addContent(i, new Element("link", ATOM).setAttribute("href", hubs.get(i)).setAttribute("rel", "hub"));
            }
            return XmlDocuments.bytes(document);
        } catch (FeedException e) {
            throw new IllegalStateException("ROME could not render the feed", e);
        }
    }

    private Item item(FeedView view, Entry entry) {
        Item item = new Item();
        item.setTitle(entry.title());
        item.setLink(view.linkOf(entry));
        Guid guid = new Guid();
        guid.setPermaLink(false);
        guid.setValue(entry.guid());
        item.setGuid(guid);
        item.setPubDate(Date.from(entry.published()));
        Description description = new Description();
        description.setType("text/html");
        description.setValue(entry.content() == null ? "" : entry.content());
        item.setDescription(description);
        List<Category> categories = new ArrayList<>();
        for (String name : entry.categories()) {
            Category category = new Category();
            category.setValue(name);
            categories.add(category);
        }
        item.setCategories(categories);
        if (entry.enclosure() != null) {
            item.setEnclosures(List.of(enclosure(entry.enclosure())));
        }
        if (entry.author() != null) {
            DCModule dublinCore = new DCModuleImpl();
            dublinCore.setCreator(entry.author());
            List<Module> modules = new ArrayList<>();
            modules.add(dublinCore);
            item.setModules(modules);
        }
        return item;
    }

    /** {@code <enclosure url length type/>}: the medium's absolute URL, exact byte length and stored type. */
    private Enclosure enclosure(org.conditionalfeed.store.Enclosure medium) {
        Enclosure enclosure = new Enclosure();
        enclosure.setUrl(enclosureLinks.url(medium));
        enclosure.setLength(medium.length());
        enclosure.setType(medium.type());
        return enclosure;
    }
}
