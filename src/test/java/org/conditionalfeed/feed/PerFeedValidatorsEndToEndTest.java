package org.conditionalfeed.feed;

import static org.conditionalfeed.testing.FeedClient.etag;
import static org.conditionalfeed.testing.FeedClient.httpDate;
import static org.conditionalfeed.testing.FeedClient.lastModified;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.conditionalfeed.testing.FeedClient;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.RunningFeedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every feed, main and per category, in every format, over real HTTP: the conditional rules,
 * {@code Cache-Control}, gzip, {@code Vary}, {@code HEAD} and {@code 405} of {@code /feed.xml},
 * {@code 404} for a category no entry has, and validators of its own: a change leaves a feed's
 * {@code ETag} and {@code Last-Modified} alone unless it changes that feed's bytes, and then moves
 * both.
 */
class PerFeedValidatorsEndToEndTest {

    static final List<String> FORMATS = List.of("feed.xml", "feed.atom", "feed.json");
    static final List<String> TYPES = List.of("application/rss+xml", "application/atom+xml", "application/feed+json");

    @RegisterExtension
    final RunningFeedServer running = RunningFeedServer.with(Map.of());

    private FeedServer server() {
        return running.server();
    }

    static List<String> feeds(String prefix) {
        return FORMATS.stream().map(format -> prefix + format).toList();
    }

    @Test
    void aPostInJavaLeavesTheCookingFeedsUntouchedAndMovesTheJavaAndMainFeeds() {
        server().createEntry("{\"title\":\"Pasta\",\"categories\":[\"cooking\"]}");
        server().createEntry("{\"title\":\"Streams\",\"categories\":[\"java\"]}");
        Map<String, HttpResponse<byte[]>> before = fetchAll(server(), "/categories/cooking/", "/categories/java/", "/");

        server().createEntry("{\"title\":\"Records\",\"categories\":[\"java\"]}");

        for (String path : feeds("/categories/cooking/")) {
            HttpResponse<byte[]> old = before.get(path);
            HttpResponse<byte[]> now = server().get(path);
            assertEquals(etag(old), etag(now), path);
            assertEquals(lastModified(old), lastModified(now), path);
            assertEquals(304, server().get(path, "If-None-Match", etag(old)).statusCode(), path);
            assertEquals(304, server().get(path, "If-Modified-Since", lastModified(old)).statusCode(), path);
        }
        for (String path : List.of("/categories/java/feed.xml", "/categories/java/feed.atom",
                "/categories/java/feed.json", "/feed.xml", "/feed.atom", "/feed.json")) {
            assertMoved(server(), before.get(path), path);
            assertTrue(FeedServer.text(server().get(path)).contains("Records"), path);
        }
    }

    @Test
    void aChangeThatAltersAFeedMovesBothValidators() {
        long first = server().createEntry("{\"title\":\"First\",\"categories\":[\"java\"]}");
        Map<String, HttpResponse<byte[]>> created = fetchAll(server(), "/categories/java/", "/");
        assertEquals(200, server().api("PUT", "/api/entries/" + first,
                "{\"title\":\"First, edited\",\"categories\":[\"java\"]}").statusCode());
        Map<String, HttpResponse<byte[]>> edited = new LinkedHashMap<>();
        for (String path : created.keySet()) {
            edited.put(path, assertMoved(server(), created.get(path), path));
        }
        long second = server().createEntry("{\"title\":\"Second\",\"categories\":[\"java\"]}");
        assertEquals(204, server().api("DELETE", "/api/entries/" + second, null).statusCode());
        for (String path : created.keySet()) {
            HttpResponse<byte[]> old = edited.get(path);
            HttpResponse<byte[]> now = server().getOnceTheClockHasPassedTheChange(path);
            assertEquals(FeedServer.text(old), FeedServer.text(now), "the same bytes as before the post");
            assertEquals(etag(old), etag(now), "the same bytes, so the same tag");
            assertEquals(304, server().get(path, "If-None-Match", etag(old)).statusCode(), path);
            assertTrue(httpDate(lastModified(now)).isAfter(httpDate(lastModified(old))),
                    path + ": the bytes changed twice since, so Last-Modified moved on");
            assertEquals(200, server().get(path, "If-Modified-Since", lastModified(old)).statusCode(), path);
        }
    }

    @Test
    void everyFeedAnswersLikeTheRssFeed() throws IOException {
        server().createEntry("{\"title\":\"Hello\",\"content\":\"<p>" + "words ".repeat(200) + "</p>\","
                + "\"categories\":[\"C++ & more\"]}");
        for (String prefix : List.of("/", "/categories/C%2B%2B%20%26%20more/")) {
            for (int i = 0; i < FORMATS.size(); i++) {
                String path = prefix + FORMATS.get(i);
                HttpResponse<byte[]> plain = server().get(path);
                assertEquals(200, plain.statusCode(), path);
                assertTrue(plain.headers().firstValue("Content-Type").orElseThrow().startsWith(TYPES.get(i)), path);
                assertEquals("private, must-revalidate, max-age=0", plain.headers().firstValue("Cache-Control").orElseThrow());
                assertEquals("Accept-Encoding", plain.headers().firstValue("Vary").orElseThrow(), path);

                HttpResponse<byte[]> gzip = server().get(path, "Accept-Encoding", "gzip");
                assertEquals("gzip", gzip.headers().firstValue("Content-Encoding").orElseThrow(), path);
                assertNotEquals(etag(plain), etag(gzip), "each coding its own tag");
                assertArrayEquals(plain.body(), new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes());
                HttpResponse<byte[]> notModified = server().get(path, "Accept-Encoding", "gzip", "If-None-Match", etag(gzip));
                assertEquals(304, notModified.statusCode(), path);
                assertEquals("Accept-Encoding", notModified.headers().firstValue("Vary").orElseThrow());
                assertEquals(lastModified(plain), lastModified(notModified));

                HttpResponse<byte[]> head = server().send(server().request(path).method("HEAD",
                        HttpRequest.BodyPublishers.noBody()).build());
                assertEquals(200, head.statusCode());
                assertEquals(etag(plain), etag(head));
                assertEquals(Integer.toString(plain.body().length), head.headers().firstValue("Content-Length").orElseThrow());

                HttpResponse<byte[]> post = server().send(server().request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
                assertEquals(405, post.statusCode(), path);
                assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
            }
        }
    }

    @Test
    void aCategoryNoEntryHasIsNotFound() {
        long id = server().createEntry("{\"title\":\"Once\",\"categories\":[\"gone\"]}");
        assertEquals(200, server().get("/categories/gone/feed.atom").statusCode());
        assertEquals(204, server().api("DELETE", "/api/entries/" + id, null).statusCode());
        for (String path : List.of("/categories/gone/feed.xml", "/categories/gone/feed.atom", "/categories/gone/feed.json",
                "/categories/never/feed.xml", "/categories/", "/categories/x/feed.rss", "/categories/x/y/feed.xml",
                "/categories//feed.xml")) {
            HttpResponse<byte[]> response = server().get(path);
            assertEquals(404, response.statusCode(), path);
            assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow(), path);
        }
    }

    /** Every feed under each prefix, once the clock has passed the latest change, so a moved Last-Modified shows. */
    static Map<String, HttpResponse<byte[]>> fetchAll(FeedClient client, String... prefixes) {
        Map<String, HttpResponse<byte[]>> responses = new LinkedHashMap<>();
        for (String prefix : prefixes) {
            for (String path : feeds(prefix)) {
                HttpResponse<byte[]> response = client.getOnceTheClockHasPassedTheChange(path);
                assertEquals(200, response.statusCode(), path);
                responses.put(path, response);
            }
        }
        return responses;
    }

    /** The feed at {@code path} now has another tag and a later Last-Modified, and neither old validator gets a 304. */
    static HttpResponse<byte[]> assertMoved(FeedClient client, HttpResponse<byte[]> old, String path) {
        HttpResponse<byte[]> now = client.get(path);
        assertNotEquals(etag(old), etag(now), path + ": a new tag");
        assertEquals(200, client.get(path, "If-None-Match", etag(old)).statusCode(), path);
        assertEquals(200, client.get(path, "If-Modified-Since", lastModified(old)).statusCode(), path);
        HttpResponse<byte[]> settled = client.getOnceTheClockHasPassedTheChange(path);
        assertTrue(httpDate(lastModified(settled)).isAfter(httpDate(lastModified(old))), path + ": a later Last-Modified");
        return settled;
    }
}
