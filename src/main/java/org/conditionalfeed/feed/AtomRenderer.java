package org.conditionalfeed.feed;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Generator;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.conditionalfeed.store.Entry;

/**
 * Renders Atom 1.0 (RFC 4287) with ROME's {@code atom_1.0} generator. The feed has its
 * {@code id} (its own URL), {@code title}, {@code subtitle}, {@code updated} (the latest
 * {@code updated} of the entries shown, so the bytes depend on the entries alone), an
 * {@code author} (the blog, for entries without one of their own), {@code link rel="self"} and
 * {@code rel="alternate"} (and {@code rel="hub"} for each WebSub hub), and {@code xml:lang}. Each entry has {@code id} (the entry's permanent
 * {@code urn:uuid}), title, {@code link rel="alternate"}, {@code published}, {@code updated},
 * HTML content (bounded and sanitized, see {@link FeedView}; when nothing is left, a text
 * {@code summary} repeating the title instead, so no entry is without text), categories and its
 * author, and for an enclosure a {@code link rel="enclosure"} with the medium's absolute URL,
 * {@code type} and {@code length}.
 *
 * <p>Thread-safe: ROME objects are created per call and never escape.
 */
final class AtomRenderer implements FormatRenderer {

    /**
     * The {@code updated} of a feed without entries: fixed, so the bytes stay a function of the
     * entries, and plausible to validators (which take any date before 1990 for a mistake).
     */
    static final Instant EMPTY_FEED_UPDATED = Instant.parse("2000-01-01T00:00:00Z");

    private final EnclosureLinks enclosureLinks;
    private final List<String> hubs;

    /**
     * @param enclosureLinks the URLs of the media that entries name as their enclosures
     * @param hubs the WebSub hubs the feed names ({@code link rel="hub"}); empty: none
     */
    AtomRenderer(EnclosureLinks enclosureLinks, List<String> hubs) {
        this.enclosureLinks = enclosureLinks;
        this.hubs = List.copyOf(hubs);
    }

    @Override
    public byte[] render(FeedView view) {
        Feed feed = new Feed("atom_1.0");
        feed.setEncoding("UTF-8");
        feed.setId(view.selfUrl());
        feed.setTitle(view.title());
        feed.setSubtitle(text(view.description()));
        feed.setLanguage(view.channel().language());
        feed.setUpdated(Date.from(view.entries().isEmpty() ? EMPTY_FEED_UPDATED : view.updated()));
        feed.setAuthors(List.of(person(view.channel().title())));
        feed.setAlternateLinks(List.of(link("alternate", "text/html", view.homeUrl())));
        List<Link> links = new ArrayList<>();
        links.add(link("self", FeedFormat.ATOM.mediaType(), view.selfUrl()));
        hubs.forEach(hub -> links.add(link("hub", null, hub)));
        feed.setOtherLinks(links);
        Generator generator = new Generator();
        generator.setValue("conditional-feed");
        feed.setGenerator(generator);
        List<com.rometools.rome.feed.atom.Entry> entries = new ArrayList<>(view.entries().size());
        for (Entry entry : view.entries()) {
            entries.add(entry(view, entry));
        }
        feed.setEntries(entries);
        try {
            return XmlDocuments.bytes(new WireFeedOutput().outputJDom(feed));
        } catch (FeedException e) {
            throw new IllegalStateException("ROME could not render the Atom feed", e);
        }
    }

    private com.rometools.rome.feed.atom.Entry entry(FeedView view, Entry entry) {
        com.rometools.rome.feed.atom.Entry item = new com.rometools.rome.feed.atom.Entry();
        item.setId(entry.guid());
        item.setTitle(entry.title());
        item.setAlternateLinks(List.of(link("alternate", null, view.linkOf(entry))));
        if (entry.enclosure() != null) {
            Link enclosure = link("enclosure", entry.enclosure().type(), enclosureLinks.url(entry.enclosure()));
            enclosure.setLength(entry.enclosure().length());
            item.setOtherLinks(List.of(enclosure));
        }
        item.setPublished(Date.from(entry.published()));
        item.setUpdated(Date.from(entry.updated()));
        if (entry.content() != null && !entry.content().isBlank()) {
            Content content = new Content();
            content.setType(Content.HTML);
            content.setValue(entry.content());
            item.setContents(List.of(content));
        } else {
            item.setSummary(text(entry.title()));
        }
        List<Category> categories = new ArrayList<>();
        for (String name : entry.categories()) {
            Category category = new Category();
            category.setTerm(name);
            categories.add(category);
        }
        item.setCategories(categories);
        if (entry.author() != null) {
            item.setAuthors(List.of(person(entry.author())));
        }
        return item;
    }

    private static SyndPerson person(String name) {
        Person person = new Person();
        person.setName(name);
        return person;
    }

    private static Link link(String rel, String type, String href) {
        Link link = new Link();
        link.setRel(rel);
        link.setType(type);
        link.setHref(href);
        return link;
    }

    private static Content text(String value) {
        Content content = new Content();
        content.setType(Content.TEXT);
        content.setValue(value);
        return content;
    }
}
