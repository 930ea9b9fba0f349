package org.conditionalfeed.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.conditionalfeed.testing.FeedClient;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two instances on one PostgreSQL database count into one report, whichever is asked. */
class PostgresReaderReportTest {

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
    void theCountsOfBothInstancesAddUp() throws Exception {
        Map<String, String> settings = POSTGRES.newDatabase();
        instances.add(FeedServer.start(directory.resolve("a"), settings));
        instances.add(FeedServer.start(directory.resolve("b"), settings));
        instances.get(0).createEntry("{\"title\":\"Hello\"}");
        String etag = FeedClient.etag(instances.get(0).get("/feed.xml", "User-Agent", "Shared/1.0"));
        for (int poll = 0; poll < 3; poll++) {
            for (FeedServer instance : instances) {
                instance.get("/feed.xml", "User-Agent", "Shared/1.0", "If-None-Match", etag);
            }
        }
        // The report flushes the asking instance; the other's counts arrive with its own flush.
        ReaderReportEndToEndTest.report(instances.get(1));
        JsonNode shared = ReaderReportEndToEndTest.row(instances.get(0), "Shared/1.0");
        assertEquals(7, shared.get("requests").asLong());
        assertEquals(6, shared.get("validatorsEchoed").asLong());
        assertEquals(6.0 / 7, shared.get("notModifiedShare").asDouble(), 1e-9);
        assertEquals(1, shared.get("subscribers").asLong(), "one address, counted once");
    }
}
