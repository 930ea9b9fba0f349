package org.conditionalfeed.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.conditionalfeed.testing.AdminBrowser;
import org.conditionalfeed.testing.FeedClient;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scripted readers of known manners against the running application, then the report as the
 * administrator reads it: exact validators, invented dates, a reader ignoring {@code Retry-After},
 * an aggregator reporting its subscribers; the figures survive a restart.
 */
class ReaderReportEndToEndTest {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String FEEDLY =
            "Feedly/1.0 (+http://www.feedly.com/fetcher.html; 42 subscribers; like FeedFetcher-Google)";

    @TempDir
    Path directory;
    private final TestClock clock = TestClock.running();
    private FeedServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start() {
        server = FeedServer.start(directory, Map.of("FEED_MIN_POLL_SECONDS", "600"), clock);
    }

    private HttpResponse<byte[]> poll(String agent, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "User-Agent";
        all[1] = agent;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return server.get("/feed.xml", all);
    }

    /** The report's row of {@code reader}, through the API. */
    static JsonNode row(FeedClient client, String reader) throws IOException {
        JsonNode report = report(client);
        for (JsonNode row : report.get("readers")) {
            if (row.get("reader").asText().equals(reader)) {
                return row;
            }
        }
        throw new AssertionError(reader + " is not in the report: " + report);
    }

    static JsonNode report(FeedClient client) throws IOException {
        HttpResponse<byte[]> response = client.api("GET", "/api/readers", null);
        assertEquals(200, response.statusCode(), FeedClient.text(response));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        return JSON.readTree(response.body());
    }

    @Test
    void readersOfKnownMannersAppearWithTheirFiguresAndSurviveARestart() throws Exception {
        start();
        server.createEntry("{\"title\":\"Hello\",\"content\":\"<p>readers</p>\"}");
        clock.advance(Duration.ofSeconds(2));
        HttpResponse<byte[]> first = poll("Exact/1.0");
        assertEquals(200, first.statusCode());
        String etag = FeedClient.etag(first);
        String lastModified = FeedClient.lastModified(first);
        int length = first.body().length;
        for (int poll = 0; poll < 2; poll++) {
            clock.advance(Duration.ofSeconds(601));
            assertEquals(304, poll("Exact/1.0", "If-None-Match", etag).statusCode());
        }

        assertEquals(200, poll("Inventor/1.0").statusCode());
        clock.advance(Duration.ofSeconds(601));
        poll("Inventor/1.0", "If-Modified-Since", "Mon, 30 Nov 2026 08:07:13 GMT");

        for (int burst = 0; burst < 3; burst++) {
            poll("Impatient/1.0");
        }
        for (int tooSoon = 0; tooSoon < 3; tooSoon++) {
            assertEquals(429, poll("Impatient/1.0").statusCode());
        }
        poll(FEEDLY);
        poll("Browser/1.0", "Sec-Fetch-Mode", "navigate", "Sec-Fetch-Dest", "document");

        JsonNode exact = row(server, "Exact/1.0");
        assertEquals(3, exact.get("requests").asLong());
        assertEquals(2.0 / 3, exact.get("notModifiedShare").asDouble(), 1e-9);
        assertEquals(2.0 / 3, exact.get("conditionalShare").asDouble(), 1e-9);
        assertEquals(2, exact.get("validatorsEchoed").asLong());
        assertFalse(exact.get("makesUpValidators").asBoolean());
        assertEquals(length, exact.get("bytesSent").asLong());
        assertEquals(3L * length, exact.get("bytesWithoutConditional").asLong());
        long median = exact.get("medianIntervalSeconds").asLong();
        assertTrue(median >= 300 && median < 900, "median " + median);
        assertEquals(1, exact.get("subscribers").asLong());
        assertFalse(exact.get("subscribersReported").asBoolean());
        assertTrue(exact.get("honoursRetryAfter").isNull());

        JsonNode inventor = row(server, "Inventor/1.0");
        assertEquals(1, inventor.get("validatorsMadeUp").asLong());
        assertTrue(inventor.get("makesUpValidators").asBoolean());

        JsonNode impatient = row(server, "Impatient/1.0");
        assertEquals(6, impatient.get("requests").asLong());
        assertEquals(3, impatient.get("tooManyRequests").asLong());
        assertEquals(2, impatient.get("cameTooSoon").asLong());
        assertFalse(impatient.get("honoursRetryAfter").asBoolean());

        JsonNode feedly = row(server, "Feedly/1.0");
        assertEquals(42, feedly.get("subscribers").asLong());
        assertTrue(feedly.get("subscribersReported").asBoolean());

        JsonNode report = report(server);
        assertFalse(report.toString().contains("Browser/1.0"), "a browser is not a reader");
        assertEquals(42 + 1 + 1 + 1, report.get("totals").get("estimatedSubscribers").asLong());
        assertEquals(3 + 2 + 6 + 1, report.get("totals").get("requests").asLong());
        assertEquals(2L * length, report.get("totals").get("bytesSaved").asLong());
        assertEquals("Feedly/1.0", report.get("readers").get(0).get("reader").asText(), "the most subscribers first");

        server.close();
        server = null;
        start();
        clock.advance(Duration.ofSeconds(601));
        // Sent before the restart: an echo, though Last-Modified moved at the start.
        assertEquals(200, poll("DateKeeper/1.0", "If-Modified-Since", lastModified).statusCode());
        JsonNode afterRestart = row(server, "Exact/1.0");
        assertEquals(3, afterRestart.get("requests").asLong(), "kept in the database");
        assertEquals(1, row(server, "DateKeeper/1.0").get("validatorsEchoed").asLong());
    }

    @Test
    void theJsonViewIsTheLoggedInAdministrators() throws Exception {
        start();
        HttpResponse<byte[]> anonymous = server.get("/admin/readers.json");
        assertEquals(401, anonymous.statusCode());
        assertEquals("log in at /admin/login first", JSON.readTree(anonymous.body()).get("error").asText());
        assertEquals(401, server.get("/api/readers").statusCode());
    }

    @Test
    void withNoDaysNothingIsCountedAndThereIsNoReport() {
        server = FeedServer.start(directory, Map.of("FEED_READER_REPORT_DAYS", "0"), clock);
        assertEquals(200, poll("Exact/1.0").statusCode());
        assertEquals(404, server.api("GET", "/api/readers", null).statusCode());
    }

    @Test
    void theLoggedInAdministratorReadsTheReportOnAPageAndAsJson() throws Exception {
        start();
        server.createEntry("{\"title\":\"Hello\"}");
        poll("<script>alert(1)</script>/6.6");
        for (int tooSoon = 0; tooSoon < 5; tooSoon++) {
            poll("Impatient/1.0");
        }
        AdminBrowser browser = new AdminBrowser(server);
        assertEquals(303, server.get("/admin/readers").statusCode(), "to the login page");
        browser.logIn(FeedServer.ADMIN_PASSWORD);

        HttpResponse<String> page = browser.get("/admin/readers");
        assertEquals(200, page.statusCode());
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElseThrow());
        String html = page.body();
        assertTrue(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"), html);
        assertTrue(html.contains("<strong>Impatient/1.0</strong>"), html);
        assertTrue(html.contains("2 × 429: 0 waited, 1 too soon, ignores Retry-After"), html);
        assertTrue(html.contains("<strong>&lt;script&gt;alert</strong>"), "escaped: " + html);
        assertFalse(html.contains("<script>alert"), html);
        assertTrue(html.contains("<dt>Estimated subscribers</dt><dd>2</dd>"), html);

        HttpResponse<String> json = browser.get("/admin/readers.json");
        assertEquals(200, json.statusCode());
        assertEquals(6, JSON.readTree(json.body()).get("totals").get("requests").asLong());
    }
}
