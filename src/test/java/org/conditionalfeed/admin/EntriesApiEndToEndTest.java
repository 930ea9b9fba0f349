package org.conditionalfeed.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.RunningFeedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The entries API over real HTTP: the happy paths and every refusal in the contract. */
class EntriesApiEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RunningFeedServer RUNNING = RunningFeedServer.with(Map.of());

    private static FeedServer server() {
        return RUNNING.server();
    }

    @Test
    void createReturnsTheEntryWithLocation() throws IOException {
        HttpResponse<byte[]> response = server().api("POST", "/api/entries",
                "{\"title\":\" Hello \",\"content\":\"<p>Hi</p>\",\"link\":\"https://example.org/hello\","
                        + "\"author\":\"Ann\",\"categories\":[\"news\",\"java\"]}");
        assertEquals(201, response.statusCode());
        assertEquals("application/json;charset=UTF-8", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode entry = json(response);
        long id = entry.get("id").asLong();
        assertEquals("/api/entries/" + id, response.headers().firstValue("Location").orElseThrow());
        assertEquals("Hello", entry.get("title").asText());
        assertEquals("<p>Hi</p>", entry.get("content").asText());
        assertEquals("https://example.org/hello", entry.get("link").asText());
        assertEquals("Ann", entry.get("author").asText());
        assertEquals(List.of("news", "java"), List.of(entry.get("categories").get(0).asText(),
                entry.get("categories").get(1).asText()));
        assertTrue(entry.get("guid").asText().startsWith("urn:uuid:"));
        Instant published = Instant.parse(entry.get("published").asText());
        assertTrue(entry.get("published").asText().endsWith("Z"));
        assertEquals(published, Instant.parse(entry.get("updated").asText()));

        JsonNode fetched = json(server().api("GET", "/api/entries/" + id, null));
        assertEquals(entry, fetched);
    }

    @Test
    void replaceDeleteAndNotFound() throws IOException {
        long id = server().createEntry("{\"title\":\"Draft\",\"author\":\"Bob\"}");
        JsonNode created = json(server().api("GET", "/api/entries/" + id, null));
        HttpResponse<byte[]> replaced = server().api("PUT", "/api/entries/" + id, "{\"title\":\"Final\"}");
        assertEquals(200, replaced.statusCode());
        JsonNode entry = json(replaced);
        assertEquals("Final", entry.get("title").asText());
        assertTrue(entry.get("author").isNull(), "PUT is a full replacement");
        assertEquals(created.get("guid"), entry.get("guid"));
        assertEquals(created.get("published"), entry.get("published"));
        assertTrue(Instant.parse(entry.get("updated").asText()).isAfter(Instant.parse(created.get("updated").asText())));

        assertEquals(204, server().api("DELETE", "/api/entries/" + id, null).statusCode());
        assertError(server().api("GET", "/api/entries/" + id, null), 404);
        assertError(server().api("DELETE", "/api/entries/" + id, null), 404);
        assertError(server().api("PUT", "/api/entries/" + id, "{\"title\":\"x\"}"), 404);
        assertError(server().api("GET", "/api/entries/not-a-number", null), 404);
        assertError(server().api("GET", "/api/entries/99999999999999999999999", null), 404);
    }

    @Test
    void listIsNewestFirstAndPaged() throws IOException {
        long a = server().createEntry("{\"title\":\"Page A\"}");
        long b = server().createEntry("{\"title\":\"Page B\"}");
        JsonNode page = json(server().api("GET", "/api/entries?limit=2&offset=0", null));
        assertEquals(2, page.size());
        assertEquals(b, page.get(0).get("id").asLong());
        assertEquals(a, page.get(1).get("id").asLong());
        JsonNode next = json(server().api("GET", "/api/entries?limit=1&offset=1", null));
        assertEquals(a, next.get(0).get("id").asLong());
        assertError(server().api("GET", "/api/entries?limit=0", null), 400);
        assertError(server().api("GET", "/api/entries?limit=abc", null), 400);
        assertError(server().api("GET", "/api/entries?offset=-1", null), 400);
    }

    @Test
    void concurrentWritesAllSucceedWithDistinctTimes() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<HttpResponse<byte[]>>> posts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String json = "{\"title\":\"Concurrent " + i + "\"}";
                posts.add(pool.submit(() -> server().api("POST", "/api/entries", json)));
            }
            Set<String> published = new HashSet<>();
            for (Future<HttpResponse<byte[]>> post : posts) {
                HttpResponse<byte[]> response = post.get(60, TimeUnit.SECONDS);
                assertEquals(201, response.statusCode(), FeedServer.text(response));
                published.add(json(response).get("published").asText());
            }
            assertEquals(4, published.size(), "every change takes its own second: " + published);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malformed JSON|{\"title\":",
        "trailing garbage|{\"title\":\"a\"} x",
        "not an object|[\"title\"]",
        "missing title|{\"content\":\"x\"}",
        "empty title|{\"title\":\"\"}",
        "blank title|{\"title\":\"   \"}",
        "title of wrong type|{\"title\":42}",
        "content of wrong type|{\"title\":\"a\",\"content\":{}}",
        "control character|{\"title\":\"a\\u0001b\"}",
        "lone surrogate|{\"title\":\"a\\ud800b\"}",
        "relative link|{\"title\":\"a\",\"link\":\"/relative\"}",
        "script link|{\"title\":\"a\",\"link\":\"javascript:alert(1)\"}",
        "ftp link|{\"title\":\"a\",\"link\":\"ftp://example.org/x\"}",
        "categories not an array|{\"title\":\"a\",\"categories\":\"news\"}",
        "category not a string|{\"title\":\"a\",\"categories\":[1]}",
        "category with line break|{\"title\":\"a\",\"categories\":[\"a\\nb\"]}",
        "duplicate key|{\"title\":\"a\",\"title\":\"b\"}",
        "empty body|",
    })
    void invalidInputIsBadRequest(String name, String body) {
        assertError(server().api("POST", "/api/entries", body == null ? "" : body), 400);
    }

    @Test
    void wrongContentTypeIsUnsupported() {
        HttpResponse<byte[]> response = server().send(server().request("/api/entries",
                        "Authorization", FeedServer.basic("admin", FeedServer.ADMIN_PASSWORD), "Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"a\"}")).build());
        assertError(response, 415);
        HttpResponse<byte[]> latin1 = server().send(server().request("/api/entries", "Authorization",
                        FeedServer.basic("admin", FeedServer.ADMIN_PASSWORD), "Content-Type", "application/json; charset=ISO-8859-1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"a\"}")).build());
        assertError(latin1, 415);
    }

    @Test
    void bodyOverOneMebibyteIsTooLarge() {
        String huge = "{\"title\":\"big\",\"content\":\"" + "x".repeat(1024 * 1024) + "\"}";
        assertError(server().api("POST", "/api/entries", huge), 413);
    }

    @Test
    void missingOrWrongCredentialsAreUnauthorized() {
        HttpResponse<byte[]> anonymous = server().get("/api/entries");
        assertError(anonymous, 401);
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Basic realm=\""));
        assertError(server().get("/api/entries", "Authorization", FeedServer.basic("admin", "wrong")), 401);
        assertError(server().get("/api/entries", "Authorization", FeedServer.basic("root", FeedServer.ADMIN_PASSWORD)), 401);
        assertError(server().get("/api/entries", "Authorization", "Basic !!!not-base64"), 401);
        assertError(server().get("/api/entries", "Authorization", "Bearer abc"), 401);
        HttpResponse<byte[]> post = server().send(server().request("/api/entries", "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"sneaky\"}")).build());
        assertError(post, 401);
    }

    @Test
    void unsupportedMethodIsNotAllowed() {
        HttpResponse<byte[]> response = server().api("PATCH", "/api/entries/1", "{}");
        assertError(response, 405);
        assertTrue(response.headers().firstValue("Allow").orElseThrow().contains("PUT"));
    }

    @Test
    void xmlSpecialCharactersStillGiveAWellFormedFeed() {
        server().createEntry("{\"title\":\"]]> & <b> \\\"quoted\\\" \\u00e9\\ud83d\\ude00\","
                + "\"content\":\"<![CDATA[ x ]]> <p>&amp; &nbsp;</p>\",\"categories\":[\"<c>\"]}");
        HttpResponse<byte[]> feed = server().get("/feed.xml");
        assertEquals("]]> & <b> \"quoted\" \u00e9\ud83d\ude00", FeedServer.parseFeed(feed.body()).getEntries().get(0).getTitle());
    }

    private static void assertError(HttpResponse<byte[]> response, int status) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertEquals(status, response.statusCode(), body);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), body);
        JsonNode error;
        try {
            error = JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
        assertTrue(error.get("error").isTextual() && !error.get("error").asText().isBlank(), body);
        assertFalse(body.contains("\tat ") || body.contains("Exception"), body);
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
