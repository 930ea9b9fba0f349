package org.conditionalfeed.admin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.RunningFeedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code Idempotency-Key} on {@code POST /api/entries}, over real HTTP: each outcome. */
class IdempotencyKeyEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BODY = "{\"title\":\"Once\",\"content\":\"<p>caf\u00e9 \u2603</p>\","
            + "\"author\":\"Ann\",\"categories\":[\"news\",\"a, b\"]}";

    @RegisterExtension
    static final RunningFeedServer RUNNING = RunningFeedServer.with(Map.of());

    private static FeedServer server() {
        return RUNNING.server();
    }

    @Test
    void retryWithTheSameKeyGetsTheFirstAnswerAndCreatesNothing() throws IOException {
        String key = UUID.randomUUID().toString();
        int before = count();
        HttpResponse<byte[]> first = post(key, BODY);
        assertEquals(201, first.statusCode(), FeedServer.text(first));
        assertFalse(first.headers().firstValue("Idempotent-Replayed").isPresent());
        long id = JSON.readTree(first.body()).get("id").asLong();
        assertEquals(200, server().api("PUT", "/api/entries/" + id, "{\"title\":\"Edited since\"}").statusCode());

        HttpResponse<byte[]> retry = post(key, BODY);
        assertEquals(201, retry.statusCode());
        assertArrayEquals(first.body(), retry.body(), "the first answer, byte for byte, even after an edit");
        assertEquals(first.headers().firstValue("Location"), retry.headers().firstValue("Location"));
        assertEquals("true", retry.headers().firstValue("Idempotent-Replayed").orElseThrow());
        assertEquals(before + 1, count(), "the retry created nothing");
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedWith422() throws IOException {
        String key = UUID.randomUUID().toString();
        assertEquals(201, post(key, BODY).statusCode());
        int before = count();
        HttpResponse<byte[]> other = post(key, BODY.replace("Once", "Twice"));
        assertEquals(422, other.statusCode());
        assertTrue(JSON.readTree(other.body()).get("error").asText().contains("Idempotency-Key"), FeedServer.text(other));
        assertEquals(before, count());
    }

    @Test
    void requestsWithoutAKeyAreNotDeduplicated() throws IOException {
        int before = count();
        assertEquals(201, server().api("POST", "/api/entries", BODY).statusCode());
        assertEquals(201, server().api("POST", "/api/entries", BODY).statusCode());
        assertEquals(before + 2, count());
    }

    @Test
    void aRefusedRequestRecordsNothingUnderItsKey() throws IOException {
        String key = UUID.randomUUID().toString();
        assertEquals(400, post(key, "{\"title\":\"\"}").statusCode());
        assertEquals(201, post(key, BODY).statusCode(), "the key is still free for a valid request");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"TOO_LONG", "   ", "tab\tinside", "two"})
    void malformedKeysAreRefusedWith400(String key) throws IOException {
        HttpRequest.Builder request = server().request("/api/entries", "Authorization",
                FeedServer.basic("admin", FeedServer.ADMIN_PASSWORD), "Content-Type", "application/json");
        switch (key) {
            case "TOO_LONG" -> request.header("Idempotency-Key", "k".repeat(IdempotencyKeys.MAX_LENGTH + 1));
            case "two" -> request.header("Idempotency-Key", "one").header("Idempotency-Key", "two");
            default -> request.header("Idempotency-Key", key);
        }
        int before = count();
        HttpResponse<byte[]> response = server().send(request.POST(HttpRequest.BodyPublishers.ofString(BODY)).build());
        assertEquals(400, response.statusCode());
        assertTrue(JSON.readTree(response.body()).get("error").asText().contains("Idempotency-Key"),
                FeedServer.text(response));
        assertEquals(before, count());
    }

    @Test
    void theLongestKeyIsAccepted() {
        assertEquals(201, post("k".repeat(IdempotencyKeys.MAX_LENGTH - 36) + UUID.randomUUID(), BODY).statusCode());
    }

    @Test
    void simultaneousRequestsWithOneKeyCreateOneEntryAndAllGetItsAnswer() throws Exception {
        String key = UUID.randomUUID().toString();
        int before = count();
        int requests = 8;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        CountDownLatch ready = new CountDownLatch(requests);
        try {
            List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return post(key, BODY);
                }));
            }
            byte[] body = null;
            for (Future<HttpResponse<byte[]>> answer : answers) {
                HttpResponse<byte[]> response = answer.get(60, TimeUnit.SECONDS);
                assertEquals(201, response.statusCode(), FeedServer.text(response));
                if (body == null) {
                    body = response.body();
                }
                assertArrayEquals(body, response.body(), "every request gets the one entry's answer");
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before + 1, count(), "one entry for one key");
    }

    private static HttpResponse<byte[]> post(String key, String json) {
        return server().send(server().request("/api/entries", "Authorization",
                        FeedServer.basic("admin", FeedServer.ADMIN_PASSWORD), "Content-Type", "application/json",
                        "Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    private static int count() throws IOException {
        int total = 0;
        for (int offset = 0; ; offset += 100) {
            JsonNode page = JSON.readTree(server().api("GET", "/api/entries?limit=100&offset=" + offset, null).body());
            total += page.size();
            if (page.size() < 100) {
                return total;
            }
        }
    }
}
