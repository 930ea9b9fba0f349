package org.conditionalfeed.media;

import static org.conditionalfeed.media.MediaFixtures.uploaded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.InstrumentedFilePath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A media upload's {@code 201} and a delete's {@code 204} come only after H2's file has been
 * forced to disk, as for entries: the database file is read through a wrapper that counts writes
 * and forces.
 */
class MediaDurabilityEndToEndTest {

    @TempDir
    Path directory;

    private FeedServer server;

    @BeforeEach
    void start() {
        server = FeedServer.start(directory, Map.of("FEED_DB_URL", InstrumentedFilePath.url(directory.resolve("feed"))));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void uploadAndDeleteAreForcedBeforeTheirAnswers() {
        long forcesBefore = InstrumentedFilePath.forces();
        JsonNode episode = uploaded(server, MediaFixtures.mp3(400), "audio/mpeg", "episode.mp3");
        assertEquals(0, InstrumentedFilePath.unforcedWrites(), "writes to the database file not yet forced at the 201");
        assertTrue(InstrumentedFilePath.forces() > forcesBefore, "no force between the upload's commit and its 201");

        long forcesBeforeDelete = InstrumentedFilePath.forces();
        HttpResponse<byte[]> deleted = server.api("DELETE", "/api/media/" + episode.get("id").asLong(), null);
        assertEquals(204, deleted.statusCode(), FeedServer.text(deleted));
        assertEquals(0, InstrumentedFilePath.unforcedWrites(), "writes to the database file not yet forced at the 204");
        assertTrue(InstrumentedFilePath.forces() > forcesBeforeDelete, "no force between the delete's commit and its 204");
    }
}
