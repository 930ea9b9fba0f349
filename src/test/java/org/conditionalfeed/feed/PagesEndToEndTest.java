package org.conditionalfeed.feed;

import static org.conditionalfeed.testing.FeedClient.etag;
import static org.conditionalfeed.testing.FeedClient.lastModified;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.conditionalfeed.testing.FeedClient;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.RunningFeedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The home page and the category pages over real HTTP: the newest entries twenty a page (title,
 * date, summary, link), {@code <link rel="alternate">} to each feed format (on entry pages too),
 * and conditional requests with validators of their own.
 */
class PagesEndToEndTest {

    private static final Pattern TITLES = Pattern.compile("<h2><a href=\"[^\"]*\">([^<]*)</a></h2>");

    @RegisterExtension
    final RunningFeedServer running = RunningFeedServer.with(Map.of());

    private FeedServer server() {
        return running.server();
    }

    @Test
    void theHomePageListsTheNewestEntriesTwentyAPage() {
        assertTrue(FeedServer.text(server().get("/")).contains("No entries yet."));
        for (int i = 1; i <= 25; i++) {
            server().createEntry("{\"title\":\"Entry " + i + "\",\"content\":\"<p>Words of entry " + i
                    + " <script>alert(1)</script></p>\",\"categories\":[\"" + (i % 2 == 0 ? "even" : "odd") + "\"]}");
        }
        HttpResponse<byte[]> first = server().get("/");
        assertEquals(200, first.statusCode());
        assertTrue(first.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        String html = FeedServer.text(first);
        List<String> titles = titles(html);
        assertEquals(20, titles.size());
        assertEquals("Entry 25", titles.get(0));
        assertEquals("Entry 6", titles.get(19));
        assertTrue(html.contains("<a href=\"" + FeedServer.BASE_URL + "/entries/25\">Entry 25</a>"), html);
        assertTrue(html.contains("<p>Words of entry 25</p>"), "a text summary: " + html);
        assertFalse(html.contains("<script"), html);
        assertTrue(html.contains("href=\"" + FeedServer.BASE_URL + "/?page=2\" rel=\"next\""), html);
        assertTrue(html.contains("href=\"" + FeedServer.BASE_URL + "/categories/odd/\">odd</a>"), html);

        String second = FeedServer.text(server().get("/?page=2"));
        assertEquals(List.of("Entry 5", "Entry 4", "Entry 3", "Entry 2", "Entry 1"), titles(second));
        assertTrue(second.contains("href=\"" + FeedServer.BASE_URL + "/\" rel=\"prev\""), second);
        assertFalse(second.contains("rel=\"next\""), second);
        for (String path : List.of("/?page=3", "/?page=0", "/?page=x", "/?page=-1", "/categories/odd/?page=2")) {
            assertEquals(404, server().get(path).statusCode(), path);
        }
        assertEquals(List.of("Entry 25", "Entry 23"), titles(FeedServer.text(server().get("/categories/odd/"))).subList(0, 2));
    }

    @Test
    void everyPageLinksToEachFeedFormat() {
        long id = server().createEntry("{\"title\":\"Hello\",\"categories\":[\"C++ & more\"]}");
        assertAlternates("/", FeedServer.BASE_URL + "/");
        assertAlternates("/categories/C%2B%2B%20%26%20more/", FeedServer.BASE_URL + "/categories/C%2B%2B%20%26%20more/");
        assertAlternates("/entries/" + id, FeedServer.BASE_URL + "/");
        assertEquals(404, server().get("/categories/none/").statusCode());
    }

    @Test
    void pagesAnswerConditionalRequestsWithValidatorsOfTheirOwn() {
        server().createEntry("{\"title\":\"Pasta\",\"categories\":[\"cooking\"]}");
        server().createEntry("{\"title\":\"Streams\",\"categories\":[\"java\"]}");
        HttpResponse<byte[]> cooking = server().getOnceTheClockHasPassedTheChange("/categories/cooking/");
        HttpResponse<byte[]> home = server().getOnceTheClockHasPassedTheChange("/");
        assertEquals(304, server().get("/", "If-None-Match", etag(home)).statusCode());
        assertEquals(304, server().get("/", "If-Modified-Since", lastModified(home)).statusCode());

        server().createEntry("{\"title\":\"Records\",\"categories\":[\"java\"]}");

        HttpResponse<byte[]> cookingNow = server().get("/categories/cooking/");
        assertEquals(etag(cooking), etag(cookingNow), "the cooking page did not change");
        assertEquals(lastModified(cooking), lastModified(cookingNow));
        assertEquals(304, server().get("/categories/cooking/", "If-Modified-Since", lastModified(cooking)).statusCode());
        PerFeedValidatorsEndToEndTest.assertMoved(server(), home, "/");
    }

    @Test
    void laterPagesMoveTheirValidatorsWhenTheirBytesChangeAndNeverAnswerStale() {
        long firstCooking = 0;
        for (int i = 1; i <= 25; i++) {
            long id = server().createEntry("{\"title\":\"Dish " + i + "\",\"categories\":[\"cooking\"]}");
            firstCooking = i == 1 ? id : firstCooking;
        }
        String path = "/categories/cooking/?page=2";
        HttpResponse<byte[]> before = server().getOnceTheClockHasPassedTheChange(path);
        assertEquals(List.of("Dish 5", "Dish 4", "Dish 3", "Dish 2", "Dish 1"), titles(FeedServer.text(before)));

        server().createEntry("{\"title\":\"Streams\",\"categories\":[\"java\"]}");
        HttpResponse<byte[]> otherCategory = server().getOnceTheClockHasPassedTheChange(path);
        assertEquals(etag(before), etag(otherCategory), "a post in java leaves the cooking pages alone");
        assertEquals(lastModified(before), lastModified(otherCategory));
        assertEquals(304, server().get(path, "If-Modified-Since", lastModified(before)).statusCode());

        assertEquals(200, server().api("PUT", "/api/entries/" + (firstCooking + 24),
                "{\"title\":\"Dish 25, salted\",\"categories\":[\"cooking\"]}").statusCode());
        assertEquals(304, server().get(path, "If-None-Match", etag(before)).statusCode(),
                "an edit on the first page leaves the second page's bytes and tag alone");

        long added = server().createEntry("{\"title\":\"Dish 26\",\"categories\":[\"cooking\"]}");
        HttpResponse<byte[]> shifted = PerFeedValidatorsEndToEndTest.assertMoved(server(), before, path);
        assertEquals("Dish 6", titles(FeedServer.text(shifted)).get(0), "every entry moved down by one");

        assertEquals(204, server().api("DELETE", "/api/entries/" + added, null).statusCode());
        HttpResponse<byte[]> restored = PerFeedValidatorsEndToEndTest.assertMoved(server(), shifted, path);
        assertEquals(etag(before), etag(restored), "the earlier bytes again, with their tag");
        assertTrue(FeedClient.httpDate(lastModified(restored)).isAfter(FeedClient.httpDate(lastModified(shifted))),
                "and a Last-Modified later than that of the bytes in between");
    }

    private void assertAlternates(String path, String base) {
        String html = FeedServer.text(server().get(path));
        for (String[] format : List.of(new String[] {"application/rss+xml", "feed.xml"},
                new String[] {"application/atom+xml", "feed.atom"}, new String[] {"application/feed+json", "feed.json"})) {
            Matcher link = Pattern.compile("<link rel=\"alternate\" type=\"" + Pattern.quote(format[0])
                    + "\" title=\"[^\"]*\" href=\"" + Pattern.quote(base + format[1]) + "\">").matcher(html);
            assertTrue(link.find(), path + " links to its " + format[1] + ": " + html);
        }
    }

    private static List<String> titles(String html) {
        return TITLES.matcher(html).results().map(match -> match.group(1)).toList();
    }
}
