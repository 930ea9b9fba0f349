package org.conditionalfeed.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.conditionalfeed.testing.FeedClient;
import org.conditionalfeed.testing.FeedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} over real HTTP: refused while off, {@code 401} without the bearer token, and
 * with it the Prometheus text of the requests just made, the render timer, the pool and the JVM.
 */
class MetricsEndToEndTest {

    static final String TOKEN = "metrics-token-0123456789abcdef";

    @TempDir
    Path directory;
    private FeedServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<byte[]> scrape() {
        HttpResponse<byte[]> response = server.get("/metrics", "Authorization", "Bearer " + TOKEN);
        assertEquals(200, response.statusCode(), FeedClient.text(response));
        return response;
    }

    /** The value of the sample named exactly {@code series} (name and labels as written), or -1. */
    static double sample(String text, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
    }

    @Test
    void metricsAreRefusedWhileNoTokenIsSet() {
        server = FeedServer.start(directory);
        HttpResponse<byte[]> response = server.get("/metrics", "Authorization", "Bearer " + TOKEN);
        assertEquals(404, response.statusCode());
        assertTrue(FeedClient.text(response).contains("FEED_METRICS_TOKEN"), FeedClient.text(response));
    }

    @Test
    void metricsWithoutTheRightTokenGetUnauthorized() {
        server = FeedServer.start(directory, Map.of("FEED_METRICS_TOKEN", TOKEN));
        for (String[] headers : new String[][] {{}, {"Authorization", "Basic " + TOKEN},
            {"Authorization", "Bearer "}, {"Authorization", "Bearer " + TOKEN + "x"},
            {"Authorization", "Bearer " + TOKEN.substring(1)}}) {
            HttpResponse<byte[]> response = server.get("/metrics", headers);
            assertEquals(401, response.statusCode(), String.join(" ", headers));
            assertTrue(response.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer "));
            assertTrue(!FeedClient.text(response).contains("jvm_"), "no figures without the token");
        }
        assertEquals(200, server.get("/metrics", "Authorization", "bearer " + TOKEN).statusCode(),
                "the scheme is case-insensitive");
    }

    @Test
    void countsRequestsByRouteAndStatusAndReportsRenderPoolAndJvm() {
        server = FeedServer.start(directory, Map.of("FEED_METRICS_TOKEN", TOKEN));
        server.createEntry("{\"title\":\"Counted\",\"content\":\"<p>one</p>\"}");
        HttpResponse<byte[]> feed = server.get("/feed.xml");
        assertEquals(200, feed.statusCode());
        String etag = FeedClient.etag(feed);
        for (int i = 0; i < 3; i++) {
            assertEquals(304, server.get("/feed.xml", "If-None-Match", etag).statusCode());
        }
        assertEquals(200, server.get("/healthz").statusCode());
        assertEquals(404, server.get("/no/such/page").statusCode());
        assertEquals(405, server.send(server.request("/feed.xml").DELETE().build()).statusCode());

        HttpResponse<byte[]> response = scrape();
        assertEquals(MetricsServlet.CONTENT_TYPE, response.headers().firstValue("Content-Type").orElseThrow());
        String text = FeedClient.text(response);
        assertEquals(1, sample(text, "feed_http_requests_total{route=\"feed\",status=\"200\"}"), text);
        assertEquals(3, sample(text, "feed_http_requests_total{route=\"feed\",status=\"304\"}"), text);
        assertEquals(1, sample(text, "feed_http_requests_total{route=\"feed\",status=\"405\"}"), text);
        assertEquals(0, sample(text, "feed_http_requests_total{route=\"feed\",status=\"429\"}"), text);
        assertEquals(1, sample(text, "feed_http_requests_total{route=\"health\",status=\"200\"}"), text);
        assertEquals(1, sample(text, "feed_http_requests_total{route=\"other\",status=\"404\"}"), text);
        assertEquals(1, sample(text, "feed_http_requests_total{route=\"api\",status=\"201\"}"), text);
        assertEquals(0.6, sample(text, "feed_http_not_modified_share"), 1e-9, text);
        double feedBytes = sample(text, "feed_http_response_body_bytes_total{route=\"feed\"}");
        assertTrue(feedBytes >= feed.body().length, feedBytes + " bytes counted, " + feed.body().length + " sent");
        assertTrue(sample(text, "feed_render_seconds_count") >= 1, "the new entry's render is timed: " + text);
        assertTrue(sample(text, "hikaricp_connections_max{pool=\"feed-db\"}") == 10, text);
        assertTrue(text.contains("jvm_memory_used_bytes{"), "JVM memory");
        assertTrue(text.contains("jvm_gc_"), "garbage collection");
        assertTrue(sample(text, "jvm_threads_live_threads") > 0, "threads");

        String again = FeedClient.text(scrape());
        assertEquals(1, sample(again, "feed_http_requests_total{route=\"other\",status=\"200\"}"),
                "the first scrape is counted under other: " + again);
    }
}
