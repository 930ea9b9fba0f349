package org.conditionalfeed.feed;

import static org.conditionalfeed.feed.PerFeedValidatorsEndToEndTest.assertMoved;
import static org.conditionalfeed.feed.PerFeedValidatorsEndToEndTest.feeds;
import static org.conditionalfeed.feed.PerFeedValidatorsEndToEndTest.fetchAll;
import static org.conditionalfeed.testing.FeedServer.etag;
import static org.conditionalfeed.testing.FeedServer.lastModified;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one PostgreSQL database give every feed the same validators, and a post in
 * one category through one instance leaves another category's feeds untouched on both, while the
 * touched feeds move on both at the very next request.
 */
class PostgresPerFeedValidatorsTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @TempDir
    Path directory;
    private final List<FeedServer> instances = new ArrayList<>();

    @AfterEach
    void stop() {
        instances.forEach(FeedServer::close);
    }

    @Test
    void aPostInJavaThroughOneInstanceLeavesCookingUntouchedOnBothAndMovesJavaOnBoth() {
        Map<String, String> settings = POSTGRES.newDatabase();
        FeedServer a = start(settings);
        FeedServer b = start(settings);
        a.createEntry("{\"title\":\"Pasta\",\"categories\":[\"cooking\"]}");
        b.createEntry("{\"title\":\"Streams\",\"categories\":[\"java\"]}");
        Map<String, HttpResponse<byte[]>> before = fetchAll(a, "/categories/cooking/", "/categories/java/", "/");
        for (Map.Entry<String, HttpResponse<byte[]>> seen : before.entrySet()) {
            assertSame(seen.getValue(), b.get(seen.getKey()), "both instances agree on " + seen.getKey());
        }

        a.createEntry("{\"title\":\"Records\",\"categories\":[\"java\"]}");

        for (FeedServer instance : List.of(b, a)) {
            for (String path : feeds("/categories/cooking/")) {
                HttpResponse<byte[]> old = before.get(path);
                assertSame(old, instance.get(path), path + " untouched");
                assertEquals(304, instance.get(path, "If-None-Match", etag(old)).statusCode(), path);
                assertEquals(304, instance.get(path, "If-Modified-Since", lastModified(old)).statusCode(), path);
            }
        }
        for (String path : List.of("/categories/java/feed.xml", "/categories/java/feed.atom",
                "/categories/java/feed.json", "/feed.xml", "/feed.atom", "/feed.json")) {
            HttpResponse<byte[]> onB = assertMoved(b, before.get(path), path);
            assertTrue(FeedServer.text(onB).contains("Records"), path);
            assertSame(onB, a.get(path), "both instances agree on the moved " + path);
        }
    }

    @Test
    void laterPagesAgreeOnBothInstancesAndMoveOnBothWithAPostThroughEither() {
        Map<String, String> settings = POSTGRES.newDatabase();
        FeedServer a = start(settings);
        FeedServer b = start(settings);
        for (int i = 1; i <= 21; i++) {
            (i % 2 == 0 ? a : b).createEntry("{\"title\":\"Dish " + i + "\",\"categories\":[\"cooking\"]}");
        }
        b.createEntry("{\"title\":\"Streams\",\"categories\":[\"java\"]}");
        Map<String, HttpResponse<byte[]>> before = new LinkedHashMap<>();
        for (String path : List.of("/categories/cooking/?page=2", "/?page=2")) {
            HttpResponse<byte[]> seen = a.getOnceTheClockHasPassedTheChange(path);
            assertSame(seen, b.get(path), "both instances agree on " + path);
            before.put(path, seen);
        }

        a.createEntry("{\"title\":\"Dish 22\",\"categories\":[\"cooking\"]}");

        before.forEach((path, old) -> {
            HttpResponse<byte[]> onB = assertMoved(b, old, path);
            assertTrue(FeedServer.text(onB).contains("Dish 2<"), path);
            assertSame(onB, a.get(path), "both instances agree on the moved " + path);
        });
    }

    /** The same tag and Last-Modified. */
    private static void assertSame(HttpResponse<byte[]> expected, HttpResponse<byte[]> actual, String message) {
        assertEquals(200, actual.statusCode(), message);
        assertEquals(etag(expected), etag(actual), message);
        assertEquals(lastModified(expected), lastModified(actual), message);
    }

    private FeedServer start(Map<String, String> settings) {
        FeedServer server = FeedServer.start(directory.resolve("instance-" + instances.size()), settings);
        instances.add(server);
        return server;
    }
}
