package org.conditionalfeed.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.conditionalfeed.testing.FeedClient;
import org.conditionalfeed.testing.FeedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's {@code prometheus}) scrapes {@code /metrics} every second with the
 * bearer token, and its query API then shows the feed requests made; a second job with a wrong
 * token is refused ({@code up} is 0). Skips when {@code /usr/bin/prometheus} is absent.
 */
class PrometheusScrapeTest {

    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;
    private FeedServer server;
    private Process prometheus;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void prometheusScrapesTheFeedCountersWithTheBearerToken() throws Exception {
        assumeTrue(Files.isExecutable(PROMETHEUS), "Prometheus is not installed: apt-get install prometheus");
        server = FeedServer.start(directory.resolve("db"), Map.of("FEED_METRICS_TOKEN", MetricsEndToEndTest.TOKEN));
        server.createEntry("{\"title\":\"Scraped\",\"content\":\"<p>one</p>\"}");
        String etag = FeedClient.etag(server.get("/feed.xml"));
        for (int i = 0; i < 4; i++) {
            assertEquals(304, server.get("/feed.xml", "If-None-Match", etag).statusCode());
        }
        int port = freePort();
        startPrometheus(port, server.uri("/").getPort());

        String notModified = "feed_http_requests_total{job=\"feed\",route=\"feed\",status=\"304\"}";
        assertEquals("4", awaitValue(port, notModified, "4"));
        assertEquals("1", awaitValue(port, "feed_http_requests_total{job=\"feed\",route=\"feed\",status=\"200\"}", "1"));
        assertEquals("1", awaitValue(port, "up{job=\"feed\"}", "1"));
        assertEquals("0", awaitValue(port, "up{job=\"wrong-token\"}", "0"), "a wrong token is refused");
        assertEquals("1", awaitValue(port, "count(hikaricp_connections_max{job=\"feed\"})", "1"), "pool figures");
    }

    private void startPrometheus(int port, int target) throws IOException {
        Path config = directory.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  scrape_timeout: 1s",
                "scrape_configs:",
                "  - job_name: feed",
                "    metrics_path: /metrics",
                "    authorization:",
                "      type: Bearer",
                "      credentials: " + MetricsEndToEndTest.TOKEN,
                "    static_configs:",
                "      - targets: ['127.0.0.1:" + target + "']",
                "  - job_name: wrong-token",
                "    metrics_path: /metrics",
                "    authorization:",
                "      type: Bearer",
                "      credentials: not-the-token-0123456789",
                "    static_configs:",
                "      - targets: ['127.0.0.1:" + target + "']",
                ""));
        prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + directory.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(directory.resolve("prometheus.log").toFile()).start();
    }

    /** Polls Prometheus's query API until {@code query} has the single value {@code expected}; returns the last value. */
    private String awaitValue(int port, String query, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "(no answer)";
        while (System.nanoTime() < deadline) {
            assertTrue(prometheus.isAlive(), () -> "Prometheus ended: " + log());
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode result = JSON.readTree(response.body()).path("data").path("result");
                last = result.size() == 1 ? result.get(0).path("value").get(1).asText() : response.body();
                if (last.equals(expected)) {
                    return last;
                }
            } catch (IOException notYetListening) {
                last = notYetListening.toString();
            }
            Thread.sleep(250);
        }
        return last + "\n" + log();
    }

    private String log() {
        try {
            return Files.readString(directory.resolve("prometheus.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
