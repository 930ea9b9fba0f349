package org.conditionalfeed.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.InstrumentedFilePath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On H2, a {@code 201}, {@code 200} or {@code 204} for a write comes only after the commit has
 * been forced to stable storage: H2's database file is opened through {@link InstrumentedFilePath},
 * which counts the writes to it and its forces ({@code FileChannel.force}, the {@code fsync}), and
 * at the moment the client has the answer no write to the file may still be unforced. Concurrent
 * writers are all acknowledged and share forces (group commit).
 *
 * <p>H2 closes its database when a write to its file fails, as on a full disk. While writes fail,
 * writes and {@code /healthz} answer {@code 503}; once the disk takes writes again, the server
 * opens the database again by itself and both answer {@code 200}, with every acknowledged write
 * still there. The failure comes from the same file system, switched to fail every write.
 */
class DatabaseFileEndToEndTest {

    private static final int SIMULTANEOUS = 100;
    private static final Duration RECOVERY = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    private FeedServer server;

    @BeforeEach
    void start() {
        server = FeedServer.start(directory, Map.of("FEED_DB_URL", InstrumentedFilePath.url(directory.resolve("feed"))));
    }

    @AfterEach
    void stop() {
        InstrumentedFilePath.failWrites(false);
        InstrumentedFilePath.failForces(false);
        server.close();
    }

    @Test
    void everyAcknowledgedWriteIsForcedBeforeItsAnswer() {
        long forcesBefore = InstrumentedFilePath.forces();
        HttpResponse<byte[]> created = server.api("POST", "/api/entries", "{\"title\": \"forced\"}");
        assertEquals(201, created.statusCode(), FeedServer.text(created));
        assertEquals(0, InstrumentedFilePath.unforcedWrites(), "writes to the database file not yet forced at the 201");
        assertTrue(InstrumentedFilePath.forces() > forcesBefore, "no force between the commit and the 201");
        String location = created.headers().firstValue("Location").orElseThrow();

        long forcesBeforeUpdate = InstrumentedFilePath.forces();
        HttpResponse<byte[]> updated = server.api("PUT", location, "{\"title\": \"forced again\"}");
        assertEquals(200, updated.statusCode(), FeedServer.text(updated));
        assertEquals(0, InstrumentedFilePath.unforcedWrites(), "writes to the database file not yet forced at the 200");
        assertTrue(InstrumentedFilePath.forces() > forcesBeforeUpdate, "no force between the commit and the 200");

        long forcesBeforeDelete = InstrumentedFilePath.forces();
        HttpResponse<byte[]> deleted = server.api("DELETE", location, null);
        assertEquals(204, deleted.statusCode(), FeedServer.text(deleted));
        assertEquals(0, InstrumentedFilePath.unforcedWrites(), "writes to the database file not yet forced at the 204");
        assertTrue(InstrumentedFilePath.forces() > forcesBeforeDelete, "no force between the commit and the 204");
    }

    /**
     * The entry's commit is forced, and the digests the renders after it record (a post in one
     * category renders eight feeds and pages) are forced together once: not a force per render.
     */
    @Test
    void aLoneWriteCostsTwoForcesWhateverItRenders() {
        server.api("POST", "/api/entries", "{\"title\": \"first\", \"categories\": [\"java\"]}");
        for (int i = 0; i < 3; i++) {
            long before = InstrumentedFilePath.forces();
            HttpResponse<byte[]> created = server.api("POST", "/api/entries",
                    "{\"title\": \"lone " + i + "\", \"categories\": [\"java\"]}");
            assertEquals(201, created.statusCode(), FeedServer.text(created));
            assertEquals(0, InstrumentedFilePath.unforcedWrites(), "writes to the database file not yet forced at the 201");
            assertEquals(2, InstrumentedFilePath.forces() - before, "forces for one write and its eight renders");
        }
    }

    @Test
    void simultaneousWritesAreAllAcknowledgedAndShareForces() throws Exception {
        // One request checks the password (PBKDF2, deliberately slow); the burst then finds it remembered.
        assertEquals(200, server.api("GET", "/api/entries", null).statusCode());
        long forcesBefore = InstrumentedFilePath.forces();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(SIMULTANEOUS);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < SIMULTANEOUS; i++) {
                String json = "{\"title\": \"simultaneous " + i + "\"}";
                answers.add(clients.submit(() -> {
                    start.await();
                    return server.api("POST", "/api/entries", json).statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                assertEquals(201, answer.get());
            }
        } finally {
            clients.shutdownNow();
        }
        long forces = InstrumentedFilePath.forces() - forcesBefore;
        assertTrue(forces >= 1, "no force at all");
        assertTrue(forces < SIMULTANEOUS, "each of " + SIMULTANEOUS + " writes forced on its own: " + forces + " forces");
        assertEquals(0, InstrumentedFilePath.unforcedWrites(), "writes to the database file left unforced");
        assertEquals(SIMULTANEOUS, countEntries());
    }

    @Test
    void failingDiskGivesServiceUnavailableAndTheServerRecoversWhenItIsFixed() throws InterruptedException {
        long before = server.createEntry("{\"title\": \"before the disk filled\"}");
        assertEquals(200, server.get("/healthz").statusCode());

        InstrumentedFilePath.failWrites(true);
        HttpResponse<byte[]> failed = server.api("POST", "/api/entries", "{\"title\": \"while the disk is full\"}");
        assertEquals(503, failed.statusCode(), FeedServer.text(failed));
        assertEquals(503, server.get("/healthz").statusCode(), "health while the database is closed");
        assertEquals(503, server.api("POST", "/api/entries", "{\"title\": \"still full\"}").statusCode());
        assertEquals(503, server.get("/healthz").statusCode(), "health while writes still fail");

        InstrumentedFilePath.failWrites(false);
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        int health = server.get("/healthz").statusCode();
        while (health != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            health = server.get("/healthz").statusCode();
        }
        assertEquals(200, health, "health after the disk was fixed");
        long after = server.createEntry("{\"title\": \"after the disk was fixed\"}");
        assertTrue(after > before);
        String entries = FeedServer.text(server.api("GET", "/api/entries", null));
        assertTrue(entries.contains("before the disk filled") && entries.contains("after the disk was fixed"), entries);
        assertEquals(200, server.get("/feed.xml").statusCode());
        assertTrue(FeedServer.text(server.get("/feed.xml")).contains("after the disk was fixed"));
    }

    @Test
    void aWriteWhoseForceFailedIsShownByTheFeedExactlyWhenItIsInTheDatabase() throws InterruptedException {
        server.createEntry("{\"title\": \"before the fault\"}");
        assertEquals(200, server.get("/feed.xml").statusCode());

        InstrumentedFilePath.failForces(true);
        HttpResponse<byte[]> inDoubt = server.api("POST", "/api/entries", "{\"title\": \"committed, not forced\"}");
        InstrumentedFilePath.failForces(false);
        assertEquals(503, inDoubt.statusCode(), FeedServer.text(inDoubt));

        long deadline = System.nanoTime() + RECOVERY.toNanos();
        int health = server.get("/healthz").statusCode();
        while (health != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            health = server.get("/healthz").statusCode();
        }
        assertEquals(200, health, "health after the fault was lifted");
        // No write since: the feed must show exactly what the database holds, whichever it is.
        boolean stored = FeedServer.text(server.api("GET", "/api/entries", null)).contains("committed, not forced");
        boolean shown = FeedServer.text(server.get("/feed.xml")).contains("committed, not forced");
        assertEquals(stored, shown, "the feed shows the in-doubt write iff the database holds it");
    }

    private int countEntries() {
        String body = FeedServer.text(server.api("GET", "/api/entries?limit=100", null));
        return body.split("\"guid\"", -1).length - 1;
    }
}
