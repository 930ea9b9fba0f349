package org.conditionalfeed.feed;

import static org.conditionalfeed.testing.FeedClient.etag;
import static org.conditionalfeed.testing.FeedClient.lastModified;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.conditionalfeed.testing.FeedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feed over real HTTP: content, validators, 304s, gzip, HEAD, ranges, methods. */
class FeedEndToEndTest {

    private static final Map<String, String> SETTINGS = Map.of("FEED_MAX_ITEMS", "3", "FEED_TITLE", "Tom & Jerry's <blog>");

    @TempDir
    Path directory;
    private FeedServer server;

    @BeforeEach
    void start() {
        server = FeedServer.start(directory, SETTINGS);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void emptyBlogGivesValidFeedWithNoItems() throws Exception {
        HttpResponse<byte[]> response = server.get("/feed.xml");
        assertEquals(200, response.statusCode());
        assertEquals("application/rss+xml;charset=UTF-8", response.headers().firstValue("Content-Type").orElseThrow());
        SyndFeed feed = FeedServer.parseFeed(response.body());
        assertEquals("rss_2.0", feed.getFeedType());
        assertEquals("Tom & Jerry's <blog>", feed.getTitle());
        assertEquals(FeedServer.BASE_URL + "/", feed.getLink());
        assertTrue(feed.getEntries().isEmpty());
    }

    @Test
    void feedListsNewestEntriesFirstUpToMaxItemsWithLinksFromBaseUrl() throws Exception {
        long first = server.createEntry("{\"title\":\"One\",\"content\":\"<p>1 & 2</p>\",\"categories\":[\"x\"]}");
        server.createEntry("{\"title\":\"Two\",\"link\":\"https://elsewhere.example/two\"}");
        server.createEntry("{\"title\":\"Three\",\"author\":\"Ann\"}");
        long fourth = server.createEntry("{\"title\":\"Four\"}");

        List<SyndEntry> items = FeedServer.parseFeed(server.get("/feed.xml").body()).getEntries();
        assertEquals(List.of("Four", "Three", "Two"), items.stream().map(SyndEntry::getTitle).toList());
        assertEquals("https://elsewhere.example/two", items.get(2).getLink());
        assertEquals(FeedServer.BASE_URL + "/entries/" + fourth, items.get(0).getLink());
        for (SyndEntry item : items) {
            assertTrue(item.getUri().startsWith("urn:uuid:"), item.getUri());
            assertNotNull(item.getPublishedDate());
            assertNotNull(item.getDescription());
        }
        assertEquals("Ann", items.get(1).getAuthor());

        assertEquals(204, server.api("DELETE", "/api/entries/" + fourth, null).statusCode());
        List<SyndEntry> after = FeedServer.parseFeed(server.get("/feed.xml").body()).getEntries();
        assertEquals(List.of("Three", "Two", "One"), after.stream().map(SyndEntry::getTitle).toList());
        assertEquals("<p>1 &amp; 2</p>", after.get(2).getDescription().getValue(),
                "the content as readers get it: sanitized, the same HTML");
        assertEquals(List.of("x"), after.get(2).getCategories().stream().map(c -> c.getName()).toList());
        assertEquals(FeedServer.BASE_URL + "/entries/" + first, after.get(2).getLink());
    }

    @Test
    void guidStaysTheSameWhenAnEntryIsEdited() throws Exception {
        long id = server.createEntry("{\"title\":\"Before\"}");
        String guid = FeedServer.parseFeed(server.get("/feed.xml").body()).getEntries().get(0).getUri();
        assertEquals(200, server.api("PUT", "/api/entries/" + id, "{\"title\":\"After\"}").statusCode());
        SyndEntry item = FeedServer.parseFeed(server.get("/feed.xml").body()).getEntries().get(0);
        assertEquals("After", item.getTitle());
        assertEquals(guid, item.getUri());
    }

    @Test
    void returnsNotModifiedWhenEtagMatches() {
        server.createEntry("{\"title\":\"One\"}");
        HttpResponse<byte[]> first = server.get("/feed.xml");
        String etag = etag(first);
        assertTrue(etag.matches("\"[!#-~]+\""), etag);

        HttpResponse<byte[]> second = server.get("/feed.xml", "If-None-Match", etag);
        assertEquals(304, second.statusCode());
        assertEquals(0, second.body().length);
        for (String header : List.of("ETag", "Last-Modified", "Cache-Control", "Vary")) {
            assertEquals(first.headers().firstValue(header), second.headers().firstValue(header), header);
        }
        assertTrue(second.headers().firstValue("Date").isPresent());
        assertEquals("private, must-revalidate, max-age=0", second.headers().firstValue("Cache-Control").orElseThrow());
    }

    @Test
    void returnsNotModifiedWhenWeakEtagInListMatches() {
        String etag = etag(server.get("/feed.xml"));
        assertEquals(304, server.get("/feed.xml", "If-None-Match", "\"other\", W/" + etag).statusCode());
    }

    @Test
    void returnsNotModifiedWhenIfModifiedSinceEqualsLastModified() {
        server.createEntry("{\"title\":\"One\"}");
        String lastModified = lastModified(server.getOnceTheClockHasPassedTheChange("/feed.xml"));
        assertEquals(304, server.get("/feed.xml", "If-Modified-Since", lastModified).statusCode());
    }

    @Test
    void ignoresIfModifiedSinceWhenIfNoneMatchDoesNotMatch() {
        String lastModified = lastModified(server.get("/feed.xml"));
        HttpResponse<byte[]> response = server.get("/feed.xml", "If-None-Match", "\"stale\"",
                "If-Modified-Since", lastModified);
        assertEquals(200, response.statusCode());
    }

    @Test
    void newEntryInvalidatesBothValidators() {
        HttpResponse<byte[]> before = server.get("/feed.xml");
        server.createEntry("{\"title\":\"New\"}");
        assertEquals(200, server.get("/feed.xml", "If-None-Match", etag(before)).statusCode());
        HttpResponse<byte[]> after = server.get("/feed.xml", "If-Modified-Since", lastModified(before));
        assertEquals(200, after.statusCode());
        assertTrue(FeedServer.text(after).contains("<title>New</title>"));
    }

    @Test
    void deletingNewestEntryChangesLastModified() {
        server.createEntry("{\"title\":\"Old\"}");
        long newest = server.createEntry("{\"title\":\"Newest\"}");
        HttpResponse<byte[]> before = server.get("/feed.xml");
        assertEquals(204, server.api("DELETE", "/api/entries/" + newest, null).statusCode());

        HttpResponse<byte[]> after = server.getOnceTheClockHasPassedTheChange("/feed.xml", "If-Modified-Since",
                lastModified(before));
        assertEquals(200, after.statusCode());
        assertTrue(instant(lastModified(after)).isAfter(instant(lastModified(before))));
        assertNotEquals(etag(before), etag(after));
        assertEquals(200, server.get("/feed.xml", "If-None-Match", etag(before)).statusCode());
    }

    @Test
    void twoChangesWithinOneSecondNeverGiveStaleNotModified() {
        server.createEntry("{\"title\":\"First\"}");
        HttpResponse<byte[]> afterFirst = server.get("/feed.xml");
        server.createEntry("{\"title\":\"Second\"}");
        HttpResponse<byte[]> response = server.get("/feed.xml", "If-Modified-Since", lastModified(afterFirst));
        assertEquals(200, response.statusCode());
        assertTrue(FeedServer.text(response).contains("<title>Second</title>"));
    }

    @Test
    void lastModifiedIsNeverLaterThanDateAndNeverMovesBackwards() {
        Instant previous = Instant.EPOCH;
        for (int i = 0; i < 3; i++) {
            server.createEntry("{\"title\":\"Entry " + i + "\"}");
            HttpResponse<byte[]> clamped = server.get("/feed.xml");
            assertFalse(instant(lastModified(clamped)).isAfter(instant(clamped.headers().firstValue("Date")
                    .orElseThrow())), "Last-Modified after Date while the change is ahead of the clock");
            assertFalse(instant(lastModified(clamped)).isBefore(previous), "Last-Modified moved backwards");
            HttpResponse<byte[]> response = server.getOnceTheClockHasPassedTheChange("/feed.xml");
            Instant date = instant(response.headers().firstValue("Date").orElseThrow());
            Instant lastModified = instant(lastModified(response));
            assertFalse(lastModified.isAfter(date), lastModified + " after " + date);
            assertTrue(lastModified.isAfter(previous), lastModified + " not after " + previous);
            previous = lastModified;
        }
    }

    @Test
    void gzipVariantHasItsOwnEtagAndTheSameContent() throws IOException {
        server.createEntry("{\"title\":\"Compressed\"}");
        HttpResponse<byte[]> identity = server.get("/feed.xml");
        HttpResponse<byte[]> gzip = server.get("/feed.xml", "Accept-Encoding", "gzip");
        assertEquals("gzip", gzip.headers().firstValue("Content-Encoding").orElseThrow());
        assertEquals("Accept-Encoding", gzip.headers().firstValue("Vary").orElseThrow());
        assertEquals("Accept-Encoding", identity.headers().firstValue("Vary").orElseThrow());
        assertFalse(identity.headers().firstValue("Content-Encoding").isPresent());
        assertNotEquals(etag(identity), etag(gzip));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
            assertArrayEquals(identity.body(), in.readAllBytes());
        }
        HttpResponse<byte[]> notModified = server.get("/feed.xml", "Accept-Encoding", "gzip", "If-None-Match", etag(gzip));
        assertEquals(304, notModified.statusCode());
        assertEquals(etag(gzip), etag(notModified));
        assertEquals("Accept-Encoding", notModified.headers().firstValue("Vary").orElseThrow());
        assertEquals(200, server.get("/feed.xml", "If-None-Match", etag(gzip)).statusCode(),
                "the gzip tag names other bytes than the identity representation");
    }

    @Test
    void headHasTheHeadersOfGetAndNoBody() {
        server.createEntry("{\"title\":\"Head\"}");
        HttpResponse<byte[]> get = server.get("/feed.xml");
        HttpResponse<byte[]> head = server.send(server.request("/feed.xml")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
        assertEquals(String.valueOf(get.body().length), head.headers().firstValue("Content-Length").orElseThrow());
        assertEquals(etag(get), etag(head));
        assertEquals(304, server.send(server.request("/feed.xml", "If-None-Match", etag(get))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build()).statusCode());
    }

    @Test
    void otherMethodsGetMethodNotAllowed() {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            HttpResponse<byte[]> response = server.send(server.request("/feed.xml")
                    .method(method, HttpRequest.BodyPublishers.ofString("x")).build());
            assertEquals(405, response.statusCode(), method);
            assertEquals("GET, HEAD", response.headers().firstValue("Allow").orElseThrow(), method);
        }
    }

    @Test
    void singleByteRangeGivesPartialContent() {
        byte[] full = server.get("/feed.xml").body();
        HttpResponse<byte[]> partial = server.get("/feed.xml", "Range", "bytes=0-9");
        assertEquals(206, partial.statusCode());
        assertEquals("bytes 0-9/" + full.length, partial.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(Arrays.copyOf(full, 10), partial.body());
        assertEquals(416, server.get("/feed.xml", "Range", "bytes=" + full.length + "-").statusCode());
        assertEquals(200, server.get("/feed.xml", "Range", "bytes=0-9", "If-Range", "\"old\"").statusCode());
    }

    @Test
    void bytesAndEtagSurviveRestartWhileLastModifiedMovesPastEverythingSentBefore() {
        server.createEntry("{\"title\":\"Persistent\"}");
        HttpResponse<byte[]> before = server.get("/feed.xml");
        server.close();
        server = FeedServer.start(directory, SETTINGS);
        HttpResponse<byte[]> after = server.get("/feed.xml");
        assertEquals(etag(before), etag(after));
        assertArrayEquals(before.body(), after.body());
        assertFalse(instant(lastModified(after)).isBefore(instant(lastModified(before))),
                "a start claims a modification time later than any sent before it");
        assertEquals(304, server.get("/feed.xml", "If-None-Match", etag(before)).statusCode());
        assertEquals(200, server.get("/feed.xml", "If-Modified-Since", lastModified(before)).statusCode());
    }

    @Test
    void changedSettingsChangeBothValidators() {
        HttpResponse<byte[]> before = server.get("/feed.xml");
        server.close();
        server = FeedServer.start(directory, Map.of("FEED_MAX_ITEMS", "3", "FEED_TITLE", "Renamed"));
        HttpResponse<byte[]> after = server.get("/feed.xml", "If-Modified-Since", lastModified(before));
        assertEquals(200, after.statusCode());
        assertNotEquals(etag(before), etag(after));
        assertTrue(FeedServer.text(after).contains("<title>Renamed</title>"));
    }

    @Test
    void configuredCacheControlIsOnEvery200And304() {
        server.close();
        server = FeedServer.start(directory, Map.of("FEED_CACHE_CONTROL", "public, max-age=60"));
        long id = server.createEntry("{\"title\":\"Shared\"}");
        for (String path : List.of("/feed.xml", "/entries/" + id)) {
            for (String encoding : List.of("identity", "gzip")) {
                HttpResponse<byte[]> full = server.get(path, "Accept-Encoding", encoding);
                HttpResponse<byte[]> notModified = server.get(path, "Accept-Encoding", encoding,
                        "If-None-Match", etag(full));
                assertEquals(200, full.statusCode(), path);
                assertEquals(304, notModified.statusCode(), path);
                for (HttpResponse<byte[]> response : List.of(full, notModified)) {
                    assertEquals("public, max-age=60", response.headers().firstValue("Cache-Control").orElseThrow(),
                            path + " " + encoding + " " + response.statusCode());
                }
            }
        }
    }

    @Test
    void entryPageIsEscapedAndConditional() {
        long id = server.createEntry("{\"title\":\"<script>alert(1)</script>\",\"content\":\"<p>Body</p>\"}");
        HttpResponse<byte[]> page = server.getOnceTheClockHasPassedTheChange("/entries/" + id);
        assertEquals(200, page.statusCode());
        String html = FeedServer.text(page);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertFalse(html.contains("<script>"));
        assertTrue(html.contains("<p>Body</p>"));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("default-src 'none'"));
        assertEquals(304, server.get("/entries/" + id, "If-None-Match", etag(page)).statusCode());
        assertEquals(304, server.get("/entries/" + id, "If-Modified-Since", lastModified(page)).statusCode());
        assertEquals(404, server.get("/entries/" + (id + 1)).statusCode());
        assertEquals(404, server.get("/entries/abc").statusCode());
    }

    @Test
    void healthReportsTheDatabase() {
        HttpResponse<byte[]> response = server.get("/healthz");
        assertEquals(200, response.statusCode());
        assertEquals("ok\n", FeedServer.text(response));
    }

    @Test
    void unknownPathIsPlainNotFound() {
        HttpResponse<byte[]> response = server.get("/nothing/here");
        assertEquals(404, response.statusCode());
        assertFalse(FeedServer.text(response).contains("Tomcat"));
    }

    private static Instant instant(String httpDate) {
        return FeedServer.httpDate(httpDate);
    }
}
