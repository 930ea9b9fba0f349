package org.conditionalfeed.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.conditionalfeed.store.Entry;
import org.conditionalfeed.store.EntryExcerpt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How item bodies are cut for the feed: on element and text boundaries, within their byte limits. */
class ItemBodiesTest {

    private static final String URL = "https://blog.example/entries/7";
    private static final String MORE = "<p><a href=\"" + URL + "\">\u2026</a></p>";

    @ParameterizedTest(name = "[{index}] {0} in {2} bytes besides the link")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
        # html                                         | already cut | room | expected before the link, or UNCHANGED
        <p>Short</p>                                   | false       | 100  | UNCHANGED
        <P   class=x>Short</P>                         | false       | 100  | UNCHANGED
        <p>one two three four five six</p>             | true        | 24   | <p>one two three </p>
        <p>keep</p><p>drop this paragraph entirely</p> | true        | 30   | <p>keep</p><p>drop this </p>
        <p>keep</p><p>drop</p>                         | true        | 100  | <p>keep</p><p>drop</p>
        <ul><li>a</li><li>bbbbbbbbbbbbbbbbbbb</li></ul>| true        | 20   | <ul><li>a</li></ul>
        <p>x &amp; y &lt; z and more and more</p>      | true        | 30   | <p>x &amp; y &lt; z and </p>
        <p>unterminated <b>bold text goes on           | true        | 200  | <p>unterminated <b>bold text goes on</b></p>
        <p>cut in a tag</p><a href="https://ex         | true        | 200  | <p>cut in a tag</p>
        <img src="a.png"><p>after the image here</p>   | true        | 30   | <img src="a.png"><p>after </p>
        <p>ééééééééééééééééééééééééééé</p>              | true        | 23   | <p>éééééééé</p>
        """)
    void cutsOnBoundaries(String html, boolean alreadyCut, int room, String expected) {
        int maxBytes = room + ItemBodies.utf8Length(MORE);
        String cut = ItemBodies.cut(html, alreadyCut, maxBytes, URL);
        if (expected.equals("UNCHANGED")) {
            assertEquals(html, cut);
            return;
        }
        assertEquals(expected + MORE, cut);
        assertTrue(ItemBodies.utf8Length(cut) <= maxBytes, cut.length() + " bytes over " + maxBytes);
    }

    @Test
    void onlyTheLinkWhenNothingElseFits() {
        assertEquals(MORE, ItemBodies.cut("<p>anything at all</p>", true, MORE.length() + 3, URL));
        assertEquals(MORE, ItemBodies.cut("", true, 1024, URL));
    }

    @Test
    void aPairOfSurrogatesIsNeverSplit() {
        String clef = "\uD834\uDD1E";
        String cut = ItemBodies.cut(clef.repeat(30) + "\uD834", true, ItemBodies.utf8Length(MORE) + 10, URL);
        String kept = cut.substring(0, cut.length() - MORE.length());
        assertEquals(clef.repeat(2), kept, "10 bytes hold two 4-byte characters, never half of one");
    }

    @Test
    void theFeedBudgetGoesToTheNewestItemsFirst() {
        FeedChannel channel = new FeedChannel("Blog", "About", "https://blog.example", 1000, 1_000_000, "en");
        String megabyte = "<p>" + "word ".repeat(200_000) + "</p>";
        List<EntryExcerpt> excerpts = new ArrayList<>();
        for (long id = 1; id <= 8; id++) {
            excerpts.add(new EntryExcerpt(new Entry(id, "urn:uuid:" + id, "T" + id, megabyte, null, null, List.of(),
                    Instant.EPOCH, Instant.EPOCH, id), false));
        }
        List<Entry> shown = ItemBodies.bounded(channel, excerpts);
        long total = shown.stream().mapToLong(entry -> ItemBodies.utf8Length(entry.content())).sum();
        assertTrue(total <= ItemBodies.FEED_BUDGET_BYTES + 8 * 100, "feed bodies: " + total);
        assertTrue(shown.get(0).content().length() > 900_000, "the newest item gets its full limit");
        assertEquals("<p><a href=\"https://blog.example/entries/8\">\u2026</a></p>", shown.get(7).content(),
                "the oldest items get only the link once the budget is spent");
    }
}
