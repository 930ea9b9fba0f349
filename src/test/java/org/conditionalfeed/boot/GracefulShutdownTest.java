package org.conditionalfeed.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
     * Three writes are in flight when SIGTERM comes: the server has their headers and half of
     * each JSON body, and is waiting for the rest, which the client sends only after the signal.
     * The drain must let each finish and answer it.
     */
    @Test
    void sigtermLetsInFlightWritesFinish() throws Exception {
        ChildJvm first = start("first");
        HttpResponse<String> before = first.send(post(first, "Before SIGTERM"));
        assertEquals(201, before.statusCode(), before::body);
        List<PipedOutputStream> bodies = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (String title : List.of("In flight 1", "In flight 2", "In flight 3")) {
            PipedOutputStream body = new PipedOutputStream();
            PipedInputStream received = new PipedInputStream(body);
            bodies.add(body);
            inFlight.add(first.sendAsync(first.request("/api/entries").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> received)).build()));
            body.write(("{\"title\": \"" + title).getBytes(StandardCharsets.UTF_8));
            body.flush();
        }
        Thread.sleep(1_000); // the server has the requests and reads their bodies
        assertTrue(inFlight.stream().noneMatch(CompletableFuture::isDone), "a write was answered before its body ended");

        first.process().destroy();
        Thread.sleep(300);
        for (PipedOutputStream body : bodies) {
            body.write("\"}".getBytes(StandardCharsets.UTF_8));
            body.close();
        }
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
