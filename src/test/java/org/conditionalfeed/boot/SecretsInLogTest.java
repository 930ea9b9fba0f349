package org.conditionalfeed.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A password written into {@code FEED_DB_URL} never appears in the log of a running server: not in
 * the settings line, not in the database's lines, not after writes and a stop. The log shows
 * {@code PASSWORD=***} instead.
 */
class SecretsInLogTest {

    @TempDir
    Path directory;

    @RegisterExtension
    final ChildJvms children = new ChildJvms();

    @Test
    void passwordInAnH2UrlIsMaskedInEveryLogLine() throws Exception {
        String secret = "h2-s3cret-" + System.nanoTime();
        ChildJvm child = children.launch(directory, "launcher",
                Map.of("FEED_DB_URL", "jdbc:h2:file:" + directory.resolve("feed") + ";PASSWORD=" + secret));
        child.awaitListening();
        HttpRequest create = child.request("/api/entries").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"logged\"}")).build();
        assertEquals(201, child.send(create).statusCode(), child::output);
        assertEquals(200, child.send(child.request("/healthz").GET().build()).statusCode(), child::output);
        child.process().destroy();
        child.process().waitFor();
        String log = child.output();
        assertTrue(log.contains("PASSWORD=***"), log);
        assertFalse(log.contains(secret), log);
    }
}
