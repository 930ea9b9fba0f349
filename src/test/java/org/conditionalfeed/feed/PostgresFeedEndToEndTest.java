package org.conditionalfeed.feed;

import static org.conditionalfeed.testing.FeedServer.etag;
import static org.conditionalfeed.testing.FeedServer.httpDate;
import static org.conditionalfeed.testing.FeedServer.lastModified;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.synd.SyndEntry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The feed's conditional GET over real HTTP with PostgreSQL as the database, migrated from the same {@code db/}. */
class PostgresFeedEndToEndTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @TempDir
    Path directory;
    private FeedServer server;

    @BeforeEach
    void start() {
        Map<String, String> settings = new HashMap<>(POSTGRES.newDatabase());
        settings.put("FEED_MAX_ITEMS", "3");
        server = FeedServer.start(directory, settings);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void conditionalGetFollowsEveryChangeOnPostgres() {
        server.createEntry("{\"title\":\"Old\"}");
        HttpResponse<byte[]> first = server.getOnceTheClockHasPassedTheChange("/feed.xml");
        assertEquals(200, first.statusCode());
        assertEquals(304, server.get("/feed.xml", "If-None-Match", etag(first)).statusCode());
        assertEquals(304, server.get("/feed.xml", "If-Modified-Since", lastModified(first)).statusCode());

        long newest = server.createEntry("{\"title\":\"Newest\",\"content\":\"<p>caf\u00e9 \u2603</p>\"}");
        HttpResponse<byte[]> created = server.getOnceTheClockHasPassedTheChange("/feed.xml", "If-None-Match",
                etag(first));
        assertEquals(200, created.statusCode());
        List<SyndEntry> items = FeedServer.parseFeed(created.body()).getEntries();
        assertEquals(List.of("Newest", "Old"), items.stream().map(SyndEntry::getTitle).toList());
        assertEquals("<p>caf\u00e9 \u2603</p>", items.get(0).getDescription().getValue());
        assertEquals(200, server.get("/feed.xml", "If-Modified-Since", lastModified(first)).statusCode());
        assertTrue(httpDate(lastModified(created)).isAfter(httpDate(lastModified(first))));

        assertEquals(204, server.api("DELETE", "/api/entries/" + newest, null).statusCode());
        HttpResponse<byte[]> deleted = server.getOnceTheClockHasPassedTheChange("/feed.xml", "If-Modified-Since",
                lastModified(created));
        assertEquals(200, deleted.statusCode());
        assertEquals(List.of("Old"), FeedServer.parseFeed(deleted.body()).getEntries().stream()
                .map(SyndEntry::getTitle).toList());
        assertTrue(httpDate(lastModified(deleted)).isAfter(httpDate(lastModified(created))),
                "deleting the newest entry moves Last-Modified forward, not back to the older entry's time");
        assertNotEquals(etag(created), etag(deleted));
        assertArrayEquals(first.body(), deleted.body(), "the feed shows exactly what it showed before the create");
        assertEquals(etag(first), etag(deleted), "the same bytes, so the same tag: tags are digests of the bytes");
        assertEquals(200, server.get("/feed.xml", "If-None-Match", etag(created)).statusCode());
        assertEquals(304, server.get("/feed.xml", "If-None-Match", etag(deleted)).statusCode());
    }

    /** The JVM runs in America/Los_Angeles and the server in Asia/Kolkata: neither may shift a time. */
    @Test
    void entryTimesAreTheInstantOfTheChangeWhateverTheZones() {
        // A change within the second of the previous one (here: start-up's) takes the next second.
        server.getOnceTheClockHasPassedTheChange("/feed.xml");
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long id = server.createEntry("{\"title\":\"Timed\"}");
        Instant after = Instant.now();
        HttpResponse<byte[]> feed = server.get("/feed.xml");
        Instant published = FeedServer.parseFeed(feed.body()).getEntries().get(0).getPublishedDate().toInstant();
        assertFalse(published.isBefore(before) || published.isAfter(after), published + " not within the write");
        assertEquals(published, httpDate(lastModified(feed)), "the entry's creation is the feed's last change");
        String entry = FeedServer.text(server.api("GET", "/api/entries/" + id, null));
        assertTrue(entry.contains("\"published\":\"" + published + "\""), entry);
    }

    @Test
    void longContentFitsTheSameSchema() {
        String content = "<p>" + "x".repeat(900_000) + "</p>";
        long id = server.createEntry("{\"title\":\"Long\",\"content\":\"" + content + "\"}");
        assertTrue(FeedServer.text(server.api("GET", "/api/entries/" + id, null)).contains(content));
    }
}
