package org.conditionalfeed.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.conditionalfeed.testing.ExternalCommand;
import org.conditionalfeed.testing.FeedClient;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Polite polling over real HTTP: the subscription burst is answered, the next request too soon
 * gets {@code 429} with a {@code Retry-After} that suffices, readers without validators wait
 * longer, browsers and the administrator are never refused, and curl sees the {@code 429}.
 */
class PolitePollingEndToEndTest {

    private static final String AGENT = "PoliteTestReader/1.0";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @TempDir
    Path directory;
    private final TestClock clock = TestClock.running();
    private FeedServer server;

    private FeedServer start(Map<String, String> settings) {
        server = FeedServer.start(directory, settings, clock);
        server.createEntry("{\"title\":\"Hello\",\"content\":\"<p>polite readers</p>\"}");
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A feed reader's request: its own User-Agent, an ETag when it has one. */
    private HttpResponse<byte[]> poll(String etag) {
        return etag == null ? server.get("/feed.xml", "User-Agent", AGENT)
                : server.get("/feed.xml", "User-Agent", AGENT, "If-None-Match", etag);
    }

    /** The subscription burst: three requests answered, the first 200, the others 304; returns the ETag. */
    private String subscribe() {
        HttpResponse<byte[]> first = poll(null);
        assertEquals(200, first.statusCode());
        String etag = FeedClient.etag(first);
        assertEquals(304, poll(etag).statusCode());
        assertEquals(304, poll(etag).statusCode());
        return etag;
    }

    private static long retryAfter(HttpResponse<byte[]> response) {
        assertEquals(429, response.statusCode());
        return Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void aReaderTooSoonGetsTooManyRequestsAndIsAnsweredAfterRetryAfter() {
        start(Map.of("FEED_MIN_POLL_SECONDS", "900"));
        String etag = subscribe();
        HttpResponse<byte[]> refused = poll(etag);
        long wait = retryAfter(refused);
        assertTrue(wait >= 899 && wait <= 900, "Retry-After " + wait);
        assertFalse(refused.headers().firstValue("ETag").isPresent(), "answered before the feed was looked at");
        assertEquals("no-store", refused.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(FeedClient.text(refused).startsWith("Too many requests"), FeedClient.text(refused));

        clock.advance(Duration.ofSeconds(wait - 2));
        assertEquals(429, poll(etag).statusCode(), "two seconds early");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(304, poll(etag).statusCode(), "after waiting as told");
        assertEquals(429, poll(etag).statusCode(), "and the wait starts again");
    }

    @Test
    void aReaderWithoutValidatorsIsHeldToTheLongerInterval() {
        start(Map.of("FEED_MIN_POLL_SECONDS", "60", "FEED_MIN_UNCONDITIONAL_POLL_SECONDS", "3600"));
        String etag = subscribe();
        clock.advance(Duration.ofSeconds(61));
        long wait = retryAfter(poll(null));
        assertTrue(wait >= 3538 && wait <= 3539, "Retry-After " + wait);
        assertEquals(304, poll(etag).statusCode(), "with its ETag the shorter interval applies");
    }

    @Test
    void readersAreToldApartByAddressAndUserAgent() {
        start(Map.of("FEED_MIN_POLL_SECONDS", "900"));
        String etag = subscribe();
        assertEquals(429, poll(etag).statusCode());
        assertEquals(304, server.get("/feed.xml", "User-Agent", "OtherReader/2.0", "If-None-Match", etag).statusCode());
        assertEquals(200, server.get("/healthz", "User-Agent", AGENT).statusCode(), "only feeds are limited");
    }

    @Test
    void browsersAreNeverRefused() {
        start(Map.of("FEED_MIN_POLL_SECONDS", "900"));
        for (int i = 0; i < 6; i++) {
            assertEquals(200, server.get("/feed.xml", "User-Agent", AGENT, "Sec-Fetch-Mode", "navigate",
                    "Sec-Fetch-Dest", "document").statusCode());
            assertEquals(200, server.get("/feed.xml", "User-Agent", AGENT,
                    "Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").statusCode());
        }
        subscribe();
        assertEquals(429, poll(null).statusCode(), "the same agent as a reader is limited");
    }

    @Test
    void theLoggedInAdministratorIsNeverRefused() throws Exception {
        start(Map.of("FEED_MIN_POLL_SECONDS", "900"));
        HttpClient reader = HttpClient.newHttpClient();
        HttpClient administrator = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        logIn(administrator);
        HttpRequest feed = HttpRequest.newBuilder(server.uri("/feed.xml")).build();
        for (int i = 0; i < PollPolicy.BURST; i++) {
            assertEquals(200, reader.send(feed, HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        assertEquals(429, reader.send(feed, HttpResponse.BodyHandlers.discarding()).statusCode());
        for (int i = 0; i < 5; i++) {
            assertEquals(200, administrator.send(feed, HttpResponse.BodyHandlers.discarding()).statusCode(),
                    "same address and User-Agent, but logged in");
        }
    }

    private void logIn(HttpClient browser) throws Exception {
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(server.uri("/admin/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = CSRF.matcher(page.body());
        assertTrue(token.find(), page.body());
        String form = "username=admin&password=" + URLEncoder.encode(FeedServer.ADMIN_PASSWORD, StandardCharsets.UTF_8)
                + "&csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(server.uri("/admin/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, login.statusCode(), login.body());
    }

    @Test
    void withoutTheSettingNobodyIsRefused() {
        start(Map.of());
        String etag = subscribe();
        for (int i = 0; i < 10; i++) {
            assertEquals(304, poll(etag).statusCode());
            assertEquals(200, poll(null).statusCode());
        }
    }

    @Test
    void curlSeesTheTooManyRequestsAndItsRetryAfter() throws Exception {
        start(Map.of("FEED_MIN_POLL_SECONDS", "900"));
        List<String> statuses = new ArrayList<>();
        String lastHeaders = "";
        for (int i = 0; i < 4; i++) {
            ExternalCommand curl = ExternalCommand.run(directory, List.of("curl", "-s", "-o", "/dev/null", "-D", "-",
                    server.uri("/feed.xml").toString()));
            assumeTrue(curl.exit() != 127, "curl is not installed: apt-get install curl");
            assertEquals(0, curl.exit(), curl.output());
            statuses.add(curl.lines().get(0).strip());
            lastHeaders = curl.output();
        }
        assertEquals(List.of("HTTP/1.1 200", "HTTP/1.1 200", "HTTP/1.1 200", "HTTP/1.1 429"), statuses);
        assertTrue(Pattern.compile("(?im)^Retry-After: 9(00|99)\\r?$").matcher(lastHeaders).find()
                || Pattern.compile("(?im)^Retry-After: 899\\r?$").matcher(lastHeaders).find(), lastHeaders);
    }
}
