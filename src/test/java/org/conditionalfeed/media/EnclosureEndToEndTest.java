package org.conditionalfeed.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.conditionalfeed.testing.FeedClient;
import org.conditionalfeed.testing.FeedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Entries that name a medium as their enclosure, over real HTTP: the entries API carries the
 * medium's id, the RSS item points at the medium with its exact length and type, a medium in use
 * cannot be deleted, an unknown medium is refused, and every change of an enclosure changes the
 * feed's validators.
 */
class EnclosureEndToEndTest {

    @TempDir
    Path directory;
    private FeedServer server;

    @BeforeEach
    void start() {
        server = FeedServer.start(directory, databaseSettings());
    }

    /** The database the server uses: its default, an H2 file in {@link #directory}. */
    Map<String, String> databaseSettings() {
        return Map.of();
    }

    /** A connection of the test's own to the server's database. */
    Connection connectToDatabase() throws SQLException {
        return MediaFixtures.connect(directory);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theEntriesApiCarriesTheEnclosure() {
        long media = MediaFixtures.uploaded(server, MediaFixtures.mp3(50), "audio/mpeg", "episode-1.mp3").get("id").asLong();
        HttpResponse<byte[]> created = server.api("POST", "/api/entries",
                "{\"title\":\"Episode 1\",\"enclosure\":" + media + "}");
        assertEquals(201, created.statusCode(), FeedClient.text(created));
        JsonNode entry = MediaFixtures.json(created);
        assertEquals(media, entry.get("enclosure").asLong());
        long id = entry.get("id").asLong();
        assertEquals(entry, MediaFixtures.json(server.api("GET", "/api/entries/" + id, null)));
        assertEquals(media, MediaFixtures.json(server.api("GET", "/api/entries", null)).get(0).get("enclosure").asLong());

        JsonNode cleared = MediaFixtures.json(server.api("PUT", "/api/entries/" + id,
                "{\"title\":\"Episode 1\",\"enclosure\":null}"));
        assertTrue(cleared.get("enclosure").isNull(), cleared.toString());
        JsonNode again = MediaFixtures.json(server.api("PUT", "/api/entries/" + id,
                "{\"title\":\"Episode 1\",\"enclosure\":" + media + "}"));
        assertEquals(media, again.get("enclosure").asLong());
        JsonNode omitted = MediaFixtures.json(server.api("PUT", "/api/entries/" + id, "{\"title\":\"Episode 1\"}"));
        assertTrue(omitted.get("enclosure").isNull(), "a PUT replaces the whole entry: " + omitted);
        JsonNode plain = MediaFixtures.json(server.api("GET", "/api/entries/" + server.createEntry("{\"title\":\"Text\"}"),
                null));
        assertTrue(plain.get("enclosure").isNull(), plain.toString());
    }

    @Test
    void theRssItemPointsAtTheMediumWithItsExactLengthAndType() {
        byte[] mp3 = MediaFixtures.mp3(700);
        JsonNode media = MediaFixtures.uploaded(server, mp3, "audio/mpeg", "episode 2.mp3");
        server.createEntry("{\"title\":\"Episode 2\",\"enclosure\":" + media.get("id").asLong() + "}");

        HttpResponse<byte[]> feed = server.get("/feed.xml");
        String xml = FeedClient.text(feed);
        String url = media.get("url").asText();
        assertTrue(url.startsWith(FeedServer.BASE_URL + "/media/") && url.endsWith("/episode%202.mp3"), url);
        assertTrue(xml.contains("<enclosure url=\"" + url + "\" length=\"" + mp3.length + "\" type=\"audio/mpeg\" />"),
                xml);
        SyndEntry item = FeedClient.parseFeed(feed.body()).getEntries().get(0);
        assertEquals(1, item.getEnclosures().size());
        SyndEnclosure enclosure = item.getEnclosures().get(0);
        assertEquals(url, enclosure.getUrl());
        assertEquals("audio/mpeg", enclosure.getType());
        HttpResponse<byte[]> download = server.get(MediaFixtures.path(media));
        assertEquals(200, download.statusCode());
        assertArrayEquals(mp3, download.body());
        assertEquals(download.body().length, enclosure.getLength(), "length is the exact byte count served");
    }

    @Test
    void atomAndJsonFeedCarryTheEnclosureToo() {
        byte[] mp3 = MediaFixtures.mp3(300);
        JsonNode media = MediaFixtures.uploaded(server, mp3, "audio/mpeg", "episode 3.mp3");
        server.createEntry("{\"title\":\"Episode 3\",\"categories\":[\"podcast\"],\"enclosure\":"
                + media.get("id").asLong() + "}");
        String url = media.get("url").asText();
        for (String path : List.of("/feed.atom", "/categories/podcast/feed.atom")) {
            String atom = FeedClient.text(server.get(path));
            assertTrue(atom.contains("<link rel=\"enclosure\" type=\"audio/mpeg\" href=\"" + url + "\" length=\""
                    + mp3.length + "\" />"), atom);
            SyndEnclosure enclosure = FeedClient.parseFeed(server.get(path).body()).getEntries().get(0)
                    .getEnclosures().get(0);
            assertEquals(url, enclosure.getUrl());
            assertEquals(mp3.length, enclosure.getLength());
        }
        for (String path : List.of("/feed.json", "/categories/podcast/feed.json")) {
            JsonNode attachments = MediaFixtures.json(server.get(path)).get("items").get(0).get("attachments");
            assertEquals(1, attachments.size(), attachments.toString());
            assertEquals(url, attachments.get(0).get("url").asText());
            assertEquals("audio/mpeg", attachments.get(0).get("mime_type").asText());
            assertEquals(mp3.length, attachments.get(0).get("size_in_bytes").asLong());
        }
    }

    @Test
    void aMediumInUseCannotBeDeletedUntilNoEntryNamesIt() {
        long media = MediaFixtures.uploaded(server, MediaFixtures.mp3(20), "audio/mpeg", "kept.mp3").get("id").asLong();
        long first = server.createEntry("{\"title\":\"One\",\"enclosure\":" + media + "}");
        long second = server.createEntry("{\"title\":\"Two\",\"enclosure\":" + media + "}");

        HttpResponse<byte[]> refused = server.api("DELETE", "/api/media/" + media, null);
        assertEquals(409, refused.statusCode());
        assertTrue(refused.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        assertTrue(MediaFixtures.json(refused).get("error").asText().contains("entry " + first), FeedClient.text(refused));
        assertEquals(200, server.get(MediaFixtures.path(MediaFixtures.json(server.api("GET", "/api/media/" + media, null))))
                .statusCode(), "the medium is still served");

        assertEquals(204, server.api("DELETE", "/api/entries/" + first, null).statusCode());
        assertEquals(409, server.api("DELETE", "/api/media/" + media, null).statusCode(), "entry " + second + " uses it");
        assertEquals(200, server.api("PUT", "/api/entries/" + second, "{\"title\":\"Two\"}").statusCode());
        assertEquals(204, server.api("DELETE", "/api/media/" + media, null).statusCode());
        assertEquals(404, server.api("GET", "/api/media/" + media, null).statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"987654", "0", "-3", "1.5", "\"7\"", "true", "[1]", "{\"id\":1}", "99999999999999999999"})
    void anEnclosureThatNamesNoMediumIsRefused(String enclosure) {
        for (String method : List.of("POST /api/entries", "PUT /api/entries/" + server.createEntry("{\"title\":\"T\"}"))) {
            String[] request = method.split(" ");
            HttpResponse<byte[]> refused = server.api(request[0], request[1],
                    "{\"title\":\"Episode\",\"enclosure\":" + enclosure + "}");
            assertEquals(400, refused.statusCode(), method + ": " + FeedClient.text(refused));
            assertTrue(MediaFixtures.json(refused).get("error").asText().startsWith("enclosure"), FeedClient.text(refused));
        }
        JsonNode entries = MediaFixtures.json(server.api("GET", "/api/entries", null));
        assertEquals(1, entries.size(), "nothing was created: " + entries);
        assertEquals("T", entries.get(0).get("title").asText(), "nothing was changed: " + entries);
    }

    @Test
    void anEnclosureStillBeingUploadedIsRefused() throws SQLException {
        long incomplete = MediaFixtures.incompleteMedium(connectToDatabase());
        HttpResponse<byte[]> refused = server.api("POST", "/api/entries",
                "{\"title\":\"Too soon\",\"enclosure\":" + incomplete + "}");
        assertEquals(400, refused.statusCode(), FeedClient.text(refused));
        assertEquals("enclosure: no medium with id " + incomplete + " (upload the file with POST /api/media first)",
                MediaFixtures.json(refused).get("error").asText());
    }

    @Test
    void aMediumDeleteRacingAnEntryWriteNeverLeavesTheEntryWithoutItsMedium() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                long media = MediaFixtures.uploaded(server, MediaFixtures.mp3(10), "audio/mpeg", "race.mp3").get("id")
                        .asLong();
                CountDownLatch go = new CountDownLatch(1);
                Future<HttpResponse<byte[]>> write = pool.submit(() -> {
                    go.await();
                    return server.api("POST", "/api/entries", "{\"title\":\"Race\",\"enclosure\":" + media + "}");
                });
                Future<HttpResponse<byte[]>> delete = pool.submit(() -> {
                    go.await();
                    return server.api("DELETE", "/api/media/" + media, null);
                });
                go.countDown();
                int written = write.get().statusCode();
                int deleted = delete.get().statusCode();
                String outcome = "round " + round + ": POST " + written + " " + FeedClient.text(write.get()) + ", DELETE "
                        + deleted + " " + FeedClient.text(delete.get());
                assertTrue(written == 201 && deleted == 409 || written == 400 && deleted == 204, outcome);
                int served = server.api("GET", "/api/media/" + media, null).statusCode();
                assertEquals(written == 201 ? 200 : 404, served, outcome);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyChangeOfAnEnclosureChangesTheFeedValidators() {
        long one = MediaFixtures.uploaded(server, MediaFixtures.mp3(30), "audio/mpeg", "one.mp3").get("id").asLong();
        long two = MediaFixtures.uploaded(server, MediaFixtures.mp3(40), "audio/mpeg", "two.mp3").get("id").asLong();
        long id = server.createEntry("{\"title\":\"Episode\",\"enclosure\":" + one + "}");
        String withOne = FeedClient.etag(server.get("/feed.xml"));
        assertEquals(304, server.get("/feed.xml", "If-None-Match", withOne).statusCode());

        server.api("PUT", "/api/entries/" + id, "{\"title\":\"Episode\",\"enclosure\":" + two + "}");
        HttpResponse<byte[]> afterSwap = server.get("/feed.xml", "If-None-Match", withOne);
        assertEquals(200, afterSwap.statusCode(), "another enclosure is another feed");
        assertTrue(FeedClient.text(afterSwap).contains("/two.mp3\" length=\"" + 40 * 417 + "\""));
        String withTwo = FeedClient.etag(afterSwap);

        server.api("PUT", "/api/entries/" + id, "{\"title\":\"Episode\"}");
        HttpResponse<byte[]> afterRemoval = server.get("/feed.xml", "If-None-Match", withTwo);
        assertEquals(200, afterRemoval.statusCode(), "removing the enclosure changes the feed");
        assertTrue(!FeedClient.text(afterRemoval).contains("<enclosure"), FeedClient.text(afterRemoval));
        String without = FeedClient.etag(afterRemoval);
        assertNotEquals(withOne, without);

        server.api("PUT", "/api/entries/" + id, "{\"title\":\"Episode\",\"enclosure\":" + one + "}");
        String restored = FeedClient.etag(server.get("/feed.xml"));
        assertEquals(withOne, restored, "the same bytes again have the same content-derived tag");
        assertEquals(204, server.api("DELETE", "/api/entries/" + id, null).statusCode());
        HttpResponse<byte[]> afterDelete = server.get("/feed.xml", "If-None-Match", restored);
        assertEquals(200, afterDelete.statusCode(), "deleting the entry changes the feed");
        assertTrue(!FeedClient.text(afterDelete).contains("<enclosure"));
    }
}
