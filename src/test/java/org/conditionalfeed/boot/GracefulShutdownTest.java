package org.conditionalfeed.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM stops the real launcher cleanly: the shutdown hook drains Tomcat and closes the
 * database, the JVM exits promptly, and what was written before is there after a restart.
 */
class GracefulShutdownTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the JVM reports for a process that SIGTERM ended: 128 + 15. */
    private static final int TERMINATED_BY_SIGTERM = 143;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    @TempDir
    Path directory;

    @RegisterExtension
    final ChildJvms children = new ChildJvms();

    @Test
    void sigtermDrainsClosesDatabaseAndKeepsData() throws Exception {
        ChildJvm first = start("first");
        List<Long> ids = new ArrayList<>();
        for (String title : List.of("Before SIGTERM 1", "Before SIGTERM 2")) {
            HttpResponse<String> created = first.send(post(first, title));
            assertEquals(201, created.statusCode(), created::body);
            ids.add(JSON.readTree(created.body()).get("id").asLong());
        }
        HttpResponse<String> feed = first.send(first.request("/feed.xml").GET().build());
        assertEquals(200, feed.statusCode(), feed::body);

        first.process().destroy();
        int exit = first.awaitExit(STOP_TIMEOUT);

        assertTrue(exit == TERMINATED_BY_SIGTERM || exit == 0, () -> "exit code " + exit + ":\n" + first.output());
        String log = first.log();
        assertTrue(log.contains("Stopped"), () -> "no 'Stopped' in the log:\n" + first.output());
        assertTrue(log.contains("Database closed"), () -> "no 'Database closed' in the log:\n" + first.output());

        ChildJvm second = start("second");
        HttpResponse<String> listed = second.send(second.request("/api/entries").GET().build());
        assertEquals(200, listed.statusCode(), listed::body);
        List<Long> listedIds = new ArrayList<>();
        JSON.readTree(listed.body()).forEach(entry -> listedIds.add(entry.get("id").asLong()));
        assertEquals(Set.copyOf(ids), Set.copyOf(listedIds), listed::body);
        assertEquals(ids.size(), listedIds.size(), listed::body);
        for (long id : ids) {
            HttpResponse<String> entry = second.send(second.request("/api/entries/" + id).GET().build());
            assertEquals(200, entry.statusCode(), () -> "entry " + id + ": " + entry.body());
        }
    }

    /**
     * Writes are spaced a whole second apart, so of three writes sent together right after a
     * first one, the last cannot finish within two seconds of that first. SIGTERM comes once the
     * server has answered one of them and has had a second to read the others: the last is then
     * in flight, and the drain must let it finish.
     */
    @Test
    void sigtermLetsInFlightWritesFinish() throws Exception {
        ChildJvm first = start("first");
        HttpResponse<String> before = first.send(post(first, "Before SIGTERM"));
        assertEquals(201, before.statusCode(), before::body);
        long acknowledgedAt = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (String title : List.of("In flight 1", "In flight 2", "In flight 3")) {
            inFlight.add(first.sendAsync(post(first, title)));
        }
        CompletableFuture.anyOf(inFlight.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        Thread.sleep(Math.max(0, 1_000 - Duration.ofNanos(System.nanoTime() - acknowledgedAt).toMillis()));
        long elapsedMillis = Duration.ofNanos(System.nanoTime() - acknowledgedAt).toMillis();
        assertTrue(elapsedMillis < 2_000 && inFlight.stream().anyMatch(response -> !response.isDone()),
                () -> "no write left in flight " + elapsedMillis + " ms after the first one; cannot test draining");

        first.process().destroy();
        int exit = first.awaitExit(STOP_TIMEOUT);

        assertTrue(exit == TERMINATED_BY_SIGTERM || exit == 0, () -> "exit code " + exit + ":\n" + first.output());
        List<Long> ids = new ArrayList<>(List.of(JSON.readTree(before.body()).get("id").asLong()));
        for (CompletableFuture<HttpResponse<String>> pending : inFlight) {
            HttpResponse<String> response;
            try {
                response = pending.get(5, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("an in-flight write got no response: " + e.getCause() + "\n" + first.output(), e);
            }
            assertEquals(201, response.statusCode(), () -> response.body() + "\n" + first.output());
            ids.add(JSON.readTree(response.body()).get("id").asLong());
        }
        ChildJvm second = start("second");
        for (long id : ids) {
            HttpResponse<String> entry = second.send(second.request("/api/entries/" + id).GET().build());
            assertEquals(200, entry.statusCode(), () -> "entry " + id + ": " + entry.body());
        }
    }

    private ChildJvm start(String name) throws Exception {
        return children.start(directory, name);
    }

    private static HttpRequest post(ChildJvm child, String title) throws Exception {
        String body = JSON.writeValueAsString(JSON.createObjectNode().put("title", title));
        return child.request("/api/entries")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
