package org.conditionalfeed.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
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
        // Raw sockets, so that exactly the headers and half of each body are on the wire.
        List<Socket> inFlight = new ArrayList<>();
        List<byte[]> rests = new ArrayList<>();
        for (String title : List.of("In flight 1", "In flight 2", "In flight 3")) {
            byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().put("title", title));
            int half = body.length / 2;
            Socket socket = new Socket("127.0.0.1", first.port());
            socket.setSoTimeout((int) STOP_TIMEOUT.toMillis());
            String head = "POST /api/entries HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + ChildJvm.authorization()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, half);
            out.flush();
            inFlight.add(socket);
            rests.add(Arrays.copyOfRange(body, half, body.length));
        }
        // The server has the requests and reads their bodies (a loaded machine may take a while to
        // check the password).
        Thread.sleep(3_000);
        for (Socket socket : inFlight) {
            assertEquals(0, socket.getInputStream().available(), "a write was answered before its body ended");
        }

        first.process().destroy();
        Thread.sleep(300);
        for (int i = 0; i < inFlight.size(); i++) {
            inFlight.get(i).getOutputStream().write(rests.get(i));
            inFlight.get(i).getOutputStream().flush();
        }
        List<Long> ids = new ArrayList<>(List.of(JSON.readTree(before.body()).get("id").asLong()));
        for (Socket socket : inFlight) {
            String answer;
            try (socket) {
                answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new AssertionError("an in-flight write got no response: " + e + "\n" + first.output(), e);
            }
            assertTrue(answer.startsWith("HTTP/1.1 201"), () -> answer + "\n" + first.output());
            ids.add(JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4)).get("id").asLong());
        }
        int exit = first.awaitExit(STOP_TIMEOUT);
        assertTrue(exit == TERMINATED_BY_SIGTERM || exit == 0, () -> "exit code " + exit + ":\n" + first.output());
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
