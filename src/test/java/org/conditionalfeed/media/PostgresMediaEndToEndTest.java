package org.conditionalfeed.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Media stored in and served from PostgreSQL ({@code bytea} chunks), migrated from the same {@code db/}. */
class PostgresMediaEndToEndTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @TempDir
    Path directory;
    private Map<String, String> database;
    private FeedServer server;

    @BeforeEach
    void start() {
        database = POSTGRES.newDatabase();
        server = FeedServer.start(directory, database);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void uploadsServesRangesAndDeletesOnPostgres() {
        byte[] mp3 = MediaFixtures.mp3(1500);
        JsonNode media = MediaFixtures.uploaded(server, mp3, "audio/mpeg", "episode.mp3");
        assertEquals(mp3.length, media.get("length").asLong());
        assertArrayEquals(mp3, server.get(MediaFixtures.path(media)).body());
        int start = MediaStore.CHUNK_SIZE - 2;
        HttpResponse<byte[]> range = server.get(MediaFixtures.path(media), "Range", "bytes=" + start + "-" + (start + 3));
        assertEquals(206, range.statusCode());
        assertArrayEquals(Arrays.copyOfRange(mp3, start, start + 4), range.body());
        assertEquals(204, server.api("DELETE", "/api/media/" + media.get("id").asLong(), null).statusCode());
        assertEquals(404, server.get(MediaFixtures.path(media)).statusCode());
    }

    @Test
    void aMediumDeletedThroughOneInstanceIsNotFoundOnAnotherThatHasItsCopy(@TempDir Path other) throws Exception {
        Map<String, String> settings = new HashMap<>(database);
        settings.put("FEED_MEDIA_CACHE_DIR", other.resolve("media-cache").toString());
        try (FeedServer second = FeedServer.start(other, settings)) {
            byte[] mp3 = MediaFixtures.mp3(1500);
            JsonNode media = MediaFixtures.uploaded(server, mp3, "audio/mpeg", "shared.mp3");
            assertArrayEquals(mp3, second.get(MediaFixtures.path(media)).body());
            Path copy = MediaCacheEndToEndTest.awaitCopy(other, media);
            assertArrayEquals(mp3, second.get(MediaFixtures.path(media)).body());
            assertEquals(204, server.api("DELETE", "/api/media/" + media.get("id").asLong(), null).statusCode());
            assertTrue(Files.exists(copy), "the other instance still has its copy");
            assertEquals(404, second.get(MediaFixtures.path(media)).statusCode());
            assertEquals(404, second.get(MediaFixtures.path(media), "Range", "bytes=0-1").statusCode());
        }
    }
}
