package org.conditionalfeed.feed;

import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.module.DCModuleImpl;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndCategoryImpl;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEnclosureImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.conditionalfeed.store.Enclosure;
import org.conditionalfeed.store.Entry;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Renders RSS 2.0 with ROME: a pure function of the channel settings and the entries (newest
 * first) to UTF-8 bytes. Nothing else goes in (no time of rendering, no time of the database's
 * last change): the same entries under the same settings give the same bytes on every instance
 * and after every restart, which the content-derived entity tags rely on. The channel's
 * {@code pubDate} is the newest item's. Each item has title, link,
 * guid (the entry's permanent {@code urn:uuid}, not a permalink), pubDate and description, plus
 * categories, a {@code dc:creator} and an {@code <enclosure>} when the entry has them. With
 * WebSub hubs, the channel names each with {@code <atom:link rel="hub">} and itself with
 * {@code <atom:link rel="self">}.
 *
 * <p>Thread-safe: ROME objects are created per call and never escape.
 */
public final class FeedRenderer {

    public static final String CONTENT_TYPE = "application/rss+xml; charset=UTF-8";
    /** Where the RSS feed is served, below the base URL. */
    public static final String PATH = "/feed.xml";

    private static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");

    private final EnclosureLinks enclosureLinks;
    private final List<String> hubs;

    /** @param enclosureLinks the URLs of the media that entries name as their enclosures */
    public FeedRenderer(EnclosureLinks enclosureLinks) {
        this(enclosureLinks, List.of());
    }

    /**
     * @param enclosureLinks the URLs of the media that entries name as their enclosures
     * @param hubs the WebSub hubs the feed names; empty: none
     */
    public FeedRenderer(EnclosureLinks enclosureLinks, List<String> hubs) {
        this.enclosureLinks = enclosureLinks;
        this.hubs = List.copyOf(hubs);
    }

    /** The feed document for these entries. */
    public byte[] render(FeedChannel channel, List<Entry> entries) {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("rss_2.0");
        feed.setEncoding("UTF-8");
        feed.setTitle(channel.title());
        feed.setLink(channel.baseUrl() + "/");
        feed.setDescription(channel.description());
        if (!entries.isEmpty()) {
            feed.setPublishedDate(Date.from(entries.get(0).published()));
        }
        feed.setGenerator("conditional-feed");
        List<SyndEntry> items = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            items.add(item(channel, entry));
        }
        feed.setEntries(items);
        if (!hubs.isEmpty()) {
            feed.setForeignMarkup(hubLinks(channel.baseUrl() + PATH));
        }

        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048 + entries.size() * 1024);
        try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            new SyndFeedOutput().output(feed, writer, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FeedException e) {
            throw new IllegalStateException("ROME could not render the feed", e);
        }
        return bytes.toByteArray();
    }

    private List<Element> hubLinks(String self) {
        List<Element> links = new ArrayList<>(hubs.size() + 1);
        for (String hub : hubs) {
            links.add(atomLink("hub", hub));
        }
        links.add(atomLink("self", self));
        return links;
    }

    private static Element atomLink(String rel, String href) {
        Element link = new Element("link", ATOM);
        link.setAttribute("rel", rel);
        link.setAttribute("href", href);
        if (rel.equals("self")) {
            link.setAttribute("type", "application/rss+xml");
        }
        return link;
    }

    private SyndEntry item(FeedChannel channel, Entry entry) {
        SyndEntry item = new SyndEntryImpl();
        item.setTitle(entry.title());
        item.setLink(entry.link() != null ? entry.link() : channel.entryPageUrl(entry.id()));
        item.setUri(entry.guid());
        item.setPublishedDate(Date.from(entry.published()));
        SyndContent description = new SyndContentImpl();
        description.setType("text/html");
        description.setValue(entry.content() == null ? "" : entry.content());
        item.setDescription(description);
        List<SyndCategory> categories = new ArrayList<>();
        for (String name : entry.categories()) {
            SyndCategory category = new SyndCategoryImpl();
            category.setName(name);
            categories.add(category);
        }
        item.setCategories(categories);
        if (entry.enclosure() != null) {
            item.setEnclosures(List.of(enclosure(entry.enclosure())));
        }
        if (entry.author() != null) {
            DCModule dublinCore = new DCModuleImpl();
            dublinCore.setCreator(entry.author());
            List<Module> modules = new ArrayList<>(item.getModules());
            modules.add(dublinCore);
            item.setModules(modules);
        }
        return item;
    }

    /** {@code <enclosure url length type/>}: the medium's absolute URL, exact byte length and stored type. */
    private SyndEnclosure enclosure(Enclosure medium) {
        SyndEnclosure enclosure = new SyndEnclosureImpl();
        enclosure.setUrl(enclosureLinks.url(medium));
        enclosure.setLength(medium.length());
        enclosure.setType(medium.type());
        return enclosure;
    }
}
