package org.conditionalfeed.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
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
    private FeedServer server;

    @BeforeEach
    void start() {
        server = FeedServer.start(directory, POSTGRES.newDatabase());
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
}
