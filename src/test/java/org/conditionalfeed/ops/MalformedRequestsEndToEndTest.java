package org.conditionalfeed.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.RunningFeedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests no HTTP client library would send, written byte for byte to a socket: whatever
 * refuses them (Tomcat before any application code, the application's error page, the path
 * parameter filter), every answer under {@code /api/} is a JSON error, and no other page shows
 * Tomcat's HTML.
 */
class MalformedRequestsEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTHORIZATION = "Authorization: Basic " + Base64.getEncoder()
            .encodeToString(("admin:" + FeedServer.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

    @RegisterExtension
    static final RunningFeedServer RUNNING = RunningFeedServer.with(Map.of());

    private static FeedServer server() {
        return RUNNING.server();
    }

    /** A raw answer: status line's code, Content-Type and body. */
    record Answer(int status, String contentType, String body) {
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        // method | request target, as sent               | status
        "GET      | /api/entries/%2f                       | 400",
        "GET      | /api/entries/%5c                       | 400",
        "GET      | /api/%00                               | 400",
        "GET      | /api/entries/1%00                      | 400",
        "GET      | /api/entries/%zz                       | 400",
        "GET      | /api/entries/%C0%AF                    | 400",
        "GET      | /api/entries/%ED%A0%80                 | 400",
        "GET      | /api/../api/entries/%2F                | 400",
        "GET      | /api/entries/{}                        | 400",
        "GET      | /api/entries/^A                        | 400",
        "GET      | /api/entries/1;DROP                    | 400",
        "DELETE   | /api/entries/1;DROP                    | 400",
        "GET      | /api;x/entries                         | 400",
        "GET      | /api/entries;jsessionid=abc            | 400",
        "GET      | /api/nothing-here                      | 404",
        "GET      | /api                                   | 404",
        "GET      | /api/entries/not-a-number              | 404",
    })
    void everyRefusalUnderApiIsJson(String method, String target, int status) throws IOException {
        // ^A stands for the control character U+0001, which the table's trimming would remove.
        Answer answer = send(method + " " + target.replace("^A", "\u0001") + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + AUTHORIZATION
                + "\r\nConnection: close\r\n\r\n");
        assertJsonError(answer, status);
    }

    @Test
    void brokenRequestLinesAndHeadersForTheApiGetJson() throws IOException {
        assertJsonError(send("GET /api/entries HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n"), 505);
        assertJsonError(send("GET /api/entries HTTP/1.1\r\nConnection: close\r\n\r\n"), 400);
        assertJsonError(send("GET /api/entries HTTP/1.1\r\nHost: x\r\nBad Header: y\r\nConnection: close\r\n\r\n"), 400);
        assertJsonError(send("POST /api/entries HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\nConnection: close\r\n\r\n"),
                400);
        assertJsonError(send("GET /api/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
                400);
    }

    @Test
    void pathParametersNeverActOnTheStrippedPath() throws IOException {
        long id = server().createEntry("{\"title\":\"Still here\"}");
        assertJsonError(send("DELETE /api/entries/" + id + ";DROP HTTP/1.1\r\nHost: x\r\n" + AUTHORIZATION
                + "\r\nConnection: close\r\n\r\n"), 400);
        assertEquals(200, server().api("GET", "/api/entries/" + id, null).statusCode(), "the entry was not deleted");

        for (String target : new String[] {"/entries/" + id + ";x", "/feed.xml;a=b", "/admin/;x", "/admin;x/login",
                "/;x"}) {
            Answer page = send("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertEquals(400, page.status(), target + ": " + page.body());
            assertTrue(page.contentType().startsWith("text/plain"), target + ": " + page.contentType());
        }
    }

    @Test
    void brokenPathsOutsideTheApiGetAShortPageWithoutDetails() throws IOException {
        for (String target : new String[] {"/entries/1%2f", "/feed.xml%00", "/%zz"}) {
            Answer page = send("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertEquals(400, page.status(), target);
            assertFalse(page.body().contains("Tomcat") || page.body().contains("Exception"), page.body());
        }
    }

    private static void assertJsonError(Answer answer, int status) {
        assertEquals(status, answer.status(), answer.body());
        assertTrue(answer.contentType().startsWith("application/json"), answer.contentType() + ": " + answer.body());
        JsonNode error;
        try {
            error = JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + answer.body(), e);
        }
        assertTrue(error.path("error").isTextual() && !error.get("error").asText().isBlank(), answer.body());
        assertFalse(answer.body().contains("Tomcat") || answer.body().contains("Exception"), answer.body());
    }

    private static Answer send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server().uri("/").getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            in.transferTo(received);
            String text = received.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            assertTrue(end > 0, "no complete response to " + request.lines().findFirst().orElse("") + ": " + text);
            String head = text.substring(0, end);
            String contentType = head.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-type:"))
                    .map(line -> line.substring("content-type:".length()).strip()).findFirst().orElse("");
            return new Answer(Integer.parseInt(head.substring(9, 12)), contentType, text.substring(end + 4));
        }
    }
}
