package org.conditionalfeed.feed;

import java.util.ArrayList;
import java.util.List;
import org.conditionalfeed.store.Entry;
import org.conditionalfeed.store.EntryExcerpt;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Keeps a feed's size bounded whatever its entries hold: each item body is at most
 * {@link FeedChannel#itemMaxBytes()} bytes of UTF-8, and all item bodies of one feed together at
 * most {@link #FEED_BUDGET_BYTES}, given to the newest items first (later items then carry only
 * the link). A body over its limit is cut on an element or text boundary with jsoup, so every
 * element that is kept stays closed, and is followed by a {@code …} link to the full entry page.
 * A body within its limit is left exactly as written.
 *
 * <p>Stateless and thread-safe.
 */
final class ItemBodies {

    /**
     * All item bodies of one feed together, in bytes: large enough for the default feed (20 items
     * of up to 64 KiB), small enough that rendering the largest feed (1 000 items, every one cut)
     * takes a few tens of megabytes of heap.
     */
    static final long FEED_BUDGET_BYTES = 4L << 20;
    /** Characters before a cut searched for a space to cut at instead. */
    private static final int WORD_BOUNDARY_REACH = 80;

    private ItemBodies() {
    }

    /** The entries as the feed shows them, in the same order. */
    static List<Entry> bounded(FeedChannel channel, List<EntryExcerpt> excerpts) {
        List<Entry> shown = new ArrayList<>(excerpts.size());
        long remaining = FEED_BUDGET_BYTES;
        for (EntryExcerpt excerpt : excerpts) {
            Entry entry = excerpt.entry();
            if (entry.content() == null) {
                shown.add(entry);
                continue;
            }
            int limit = (int) Math.min(channel.itemMaxBytes(), remaining);
            String body = cut(entry.content(), excerpt.cut(), limit, channel.entryPageUrl(entry.id()));
            remaining = Math.max(0, remaining - utf8Length(body));
            shown.add(entry.withContent(body));
        }
        return shown;
    }

    /**
     * {@code html} unchanged when it is complete and at most {@code maxBytes} long; otherwise as
     * much of it as fits in {@code maxBytes} together with a {@code …} link to {@code fullUrl}.
     *
     * @param alreadyCut whether {@code html} is only the beginning of the body
     */
    static String cut(String html, boolean alreadyCut, int maxBytes, String fullUrl) {
        if (!alreadyCut && utf8Length(html) <= maxBytes) {
            return html;
        }
        String more = moreLink(fullUrl);
        int room = maxBytes - utf8Length(more);
        if (room <= 0) {
            return more;
        }
        Document document = Jsoup.parseBodyFragment(withoutTrailingHalfPair(html));
        document.outputSettings().prettyPrint(false);
        Element body = document.body();
        keep(body, room);
        return body.html() + more;
    }

    /** {@code <p><a href="fullUrl">…</a></p>}, the URL escaped by jsoup. */
    private static String moreLink(String fullUrl) {
        Document shell = Document.createShell("");
        shell.outputSettings().prettyPrint(false);
        Element paragraph = shell.body().appendElement("p");
        paragraph.appendElement("a").attr("href", fullUrl).text("\u2026");
        return paragraph.outerHtml();
    }

    /** Trims {@code parent}'s children to at most {@code room} bytes of HTML; returns the bytes kept. */
    private static int keep(Element parent, int room) {
        int used = 0;
        List<Node> children = new ArrayList<>(parent.childNodes());
        for (int i = 0; i < children.size(); i++) {
            Node child = children.get(i);
            int size = utf8Length(child.outerHtml());
            if (used + size <= room) {
                used += size;
                continue;
            }
            used += keepPart(child, room - used);
            for (int j = i + 1; j < children.size(); j++) {
                children.get(j).remove();
            }
            break;
        }
        return used;
    }

    /** Keeps what fits of a node that does not fit whole, or removes it; returns the bytes kept. */
    private static int keepPart(Node node, int room) {
        if (node instanceof TextNode text) {
            String kept = textThatFits(text.getWholeText(), room);
            if (kept.isEmpty()) {
                node.remove();
                return 0;
            }
            text.text(kept);
            return utf8Length(text.outerHtml());
        }
        if (node instanceof Element element && !element.tag().isSelfClosing()) {
            int shell = utf8Length(element.shallowClone().empty().outerHtml());
            if (shell < room) {
                int inner = keep(element, room - shell);
                if (inner > 0) {
                    return shell + inner;
                }
            }
        }
        node.remove();
        return 0;
    }

    /** The longest beginning of {@code text} whose escaped HTML fits in {@code room} bytes, cut at a space if one is near. */
    private static String textThatFits(String text, int room) {
        int low = 0;
        int high = text.length();
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (utf8Length(new TextNode(text.substring(0, wholeCharacters(text, middle))).outerHtml()) <= room) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        int end = wholeCharacters(text, low);
        for (int i = end; i > 0 && i > end - WORD_BOUNDARY_REACH; i--) {
            if (Character.isWhitespace(text.charAt(i - 1))) {
                return text.substring(0, i);
            }
        }
        return text.substring(0, end);
    }

    /** {@code end}, or one less when that would split a surrogate pair. */
    private static int wholeCharacters(String text, int end) {
        return end > 0 && Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end;
    }

    /** A beginning read by characters may end with the first half of a surrogate pair. */
    private static String withoutTrailingHalfPair(String html) {
        return !html.isEmpty() && Character.isHighSurrogate(html.charAt(html.length() - 1))
                ? html.substring(0, html.length() - 1) : html;
    }

    static int utf8Length(CharSequence text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
