package org.conditionalfeed.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.conditionalfeed.testing.ExternalCommand;
import org.conditionalfeed.testing.FeedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real feed readers poll the running feed with their own manners, then the reader report shows
 * each of them with the figures those manners give. Needs Debian's {@code python3-feedparser},
 * {@code curl} and {@code newsboat}; each test skips with a message when its reader is missing.
 */
class RealReadersReportTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path directory;
    private FeedServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String start(Map<String, String> settings) {
        server = FeedServer.start(directory.resolve("db"), settings);
        server.createEntry("{\"title\":\"First\",\"content\":\"<p>one</p>\"}");
        if (!settings.containsKey("FEED_MIN_POLL_SECONDS")) {
            // A Last-Modified in the past, so a reader's If-Modified-Since of it can match at once
            // (with polite polling on, these requests would soon be refused).
            server.getOnceTheClockHasPassedTheChange("/feed.xml", "User-Agent", "Setup/1.0");
        }
        return server.uri("/feed.xml").toString();
    }

    /** The report's row of the reader whose name starts with {@code product + "/"}. */
    private JsonNode row(String product) throws IOException {
        JsonNode report = ReaderReportEndToEndTest.report(server);
        for (JsonNode row : report.get("readers")) {
            if (row.get("reader").asText().startsWith(product + "/")) {
                return row;
            }
        }
        throw new AssertionError(product + " is not in the report: " + report);
    }

    @Test
    void feedparserIsShownEchoingItsValidators() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON) && run(List.of(PYTHON.toString(), "-c", "import feedparser")).exit() == 0,
                "Python feedparser is not installed: apt-get install python3-feedparser");
        String url = start(Map.of());
        ExternalCommand polls = run(List.of(PYTHON.toString(), "-c", String.join("\n",
                "import feedparser, sys",
                "d = feedparser.parse(sys.argv[1])",
                "again = feedparser.parse(sys.argv[1], etag=d.etag, modified=d.modified)",
                "only_date = feedparser.parse(sys.argv[1], modified=d.modified)",
                "print(d.status, again.status, only_date.status)"), url));
        assertEquals(List.of("200 304 304"), polls.lines(), polls.output());

        JsonNode feedparser = row("feedparser");
        assertEquals(3, feedparser.get("requests").asLong());
        assertEquals(2.0 / 3, feedparser.get("conditionalShare").asDouble(), 1e-9);
        assertEquals(2.0 / 3, feedparser.get("notModifiedShare").asDouble(), 1e-9);
        assertEquals(2, feedparser.get("validatorsEchoed").asLong());
        assertFalse(feedparser.get("makesUpValidators").asBoolean());
        long sent = feedparser.get("bytesSent").asLong();
        assertTrue(sent > 0);
        assertEquals(3 * sent, feedparser.get("bytesWithoutConditional").asLong(), "two bodies saved");
        assertEquals(1, feedparser.get("subscribers").asLong());
    }

    @Test
    void curlIsShownEchoingTheTagAndMakingUpADate() throws Exception {
        assumeTrue(run(List.of("curl", "--version")).exit() == 0, "curl is not installed: apt-get install curl");
        String url = start(Map.of());
        Path etag = directory.resolve("etag");
        String lastModified = server.get("/feed.xml", "User-Agent", "Setup/1.0").headers()
                .firstValue("Last-Modified").orElseThrow();
        assertEquals("200", curl("--etag-save", etag.toString(), "-o", "/dev/null", url));
        assertEquals("304", curl("--etag-compare", etag.toString(), "-o", "/dev/null", url));
        assertEquals("304", curl("-z", lastModified, "-o", "/dev/null", url));
        // A date of the reader's own, as some readers send their database's time.
        assertEquals("200", curl("-z", "Sat, 01 Jan 2000 10:00:00 GMT", "-o", "/dev/null", url));

        JsonNode curl = row("curl");
        assertEquals(4, curl.get("requests").asLong());
        assertEquals(0.75, curl.get("conditionalShare").asDouble(), 1e-9);
        assertEquals(0.5, curl.get("notModifiedShare").asDouble(), 1e-9);
        assertEquals(2, curl.get("validatorsEchoed").asLong());
        assertEquals(1, curl.get("validatorsMadeUp").asLong());
        assertTrue(curl.get("makesUpValidators").asBoolean());
        assertEquals(2 * curl.get("bytesSent").asLong(), curl.get("bytesWithoutConditional").asLong());
    }

    @Test
    void newsboatIsShownWithItsNotModifiedShare() throws Exception {
        assumeNewsboat();
        String url = start(Map.of());
        for (int reload = 0; reload < 3; reload++) {
            ExternalCommand result = run(newsboat(url, "-x", "reload", "print-unread"));
            assertEquals(List.of("1 unread articles"), result.lines(), result.output());
        }
        JsonNode newsboat = row("newsboat");
        assertEquals(3, newsboat.get("requests").asLong());
        assertEquals(1.0 / 3, newsboat.get("notModifiedShare").asDouble(), 1e-9);
        assertEquals(newsboat.get("conditionalShare").asDouble() * 3, newsboat.get("validatorsEchoed").asLong(), 1e-9);
        assertTrue(newsboat.get("validatorsEchoed").asLong() >= 1);
        assertFalse(newsboat.get("makesUpValidators").asBoolean());
        assertTrue(newsboat.get("honoursRetryAfter").isNull(), "never told to wait");
    }

    @Test
    void newsboatIsShownIgnoringRetryAfter() throws Exception {
        assumeNewsboat();
        String url = start(Map.of("FEED_MIN_POLL_SECONDS", "600"));
        // Three reloads are the tolerated burst; the fourth is told to wait ten minutes, the fifth comes anyway.
        for (int reload = 0; reload < 5; reload++) {
            run(newsboat(url, "-x", "reload"));
        }
        JsonNode newsboat = row("newsboat");
        assertEquals(5, newsboat.get("requests").asLong());
        // Two refusals when the three reloads of the burst came within its ten seconds, more on a slow machine.
        long refused = newsboat.get("tooManyRequests").asLong();
        assertTrue(refused >= 2, "429s: " + refused);
        assertEquals(refused - 1, newsboat.get("cameTooSoon").asLong(), "every request after the first 429 came too soon");
        assertFalse(newsboat.get("honoursRetryAfter").asBoolean());
    }

    private void assumeNewsboat() throws Exception {
        assumeTrue(run(List.of("newsboat", "--version")).exit() == 0, "newsboat is not installed: apt-get install newsboat");
    }

    private List<String> newsboat(String url, String... arguments) throws IOException {
        Path urls = directory.resolve("urls");
        Files.writeString(urls, url + "\n");
        Path config = directory.resolve("config");
        Files.writeString(config, "");
        List<String> command = new ArrayList<>(List.of("newsboat", "-u", urls.toString(), "-c",
                directory.resolve("cache.db").toString(), "-C", config.toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    private String curl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-w", "%{http_code}"));
        command.addAll(List.of(arguments));
        ExternalCommand result = run(command);
        assertEquals(0, result.exit(), result.output());
        return result.output().strip();
    }

    private ExternalCommand run(List<String> command) throws IOException, InterruptedException {
        return ExternalCommand.run(directory, command);
    }
}
