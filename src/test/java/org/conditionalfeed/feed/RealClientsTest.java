package org.conditionalfeed.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.conditionalfeed.testing.AccessLog;
import org.conditionalfeed.testing.ExternalCommand;
import org.conditionalfeed.testing.FeedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real RSS clients poll the running feed: each gets {@code 304} while nothing changed and the new
 * entry once something did. Needs Debian's {@code python3-feedparser}, {@code curl} and
 * {@code newsboat}; each test skips with a message when its client is missing (CI installs them).
 */
class RealClientsTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path directory;
    private FeedServer server;
    private AccessLog accessLog;

    @BeforeEach
    void start() {
        server = FeedServer.start(directory.resolve("db"), Map.of("FEED_BASE_URL", "http://localhost"));
        accessLog = AccessLog.capture();
    }

    @AfterEach
    void stop() {
        accessLog.close();
        server.close();
    }

    @Test
    void feedparserGetsNotModifiedUntilANewEntryArrives() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON) && run(List.of(PYTHON.toString(), "-c", "import feedparser")).exit() == 0,
                "Python feedparser is not installed: apt-get install python3-feedparser");
        server.createEntry("{\"title\":\"First\",\"content\":\"<p>one</p>\"}");
        // The If-Modified-Since-only poll below needs the change's own Last-Modified, not the Date
        // it is held to while a change made within the second before is ahead of the clock.
        server.getOnceTheClockHasPassedTheChange("/feed.xml");
        Path script = directory.resolve("poll.py");
        Files.writeString(script, String.join("\n",
                "import feedparser, sys",
                "url = sys.argv[1]",
                "d = feedparser.parse(url)",
                "print(d.status, int(d.bozo), len(d.entries), d.entries[0].title)",
                "again = feedparser.parse(url, etag=d.etag, modified=d.modified)",
                "print(again.status, len(again.entries))",
                "only_date = feedparser.parse(url, modified=d.modified)",
                "print(only_date.status)",
                "open(sys.argv[2], 'w').write(d.etag + '\\n' + d.modified)",
                ""));
        Path state = directory.resolve("state.txt");
        String url = server.uri("/feed.xml").toString();
        ExternalCommand first = run(List.of(PYTHON.toString(), script.toString(), url, state.toString()));
        assertEquals(List.of("200 0 1 First", "304 0", "304"), first.lines(), first.output());

        server.createEntry("{\"title\":\"Second\"}");
        List<String> saved = Files.readAllLines(state);
        ExternalCommand after = run(List.of(PYTHON.toString(), "-c", String.join("\n",
                "import feedparser, sys",
                "d = feedparser.parse(sys.argv[1], etag=sys.argv[2], modified=sys.argv[3])",
                "print(d.status, int(d.bozo), [e.title for e in d.entries])"), url, saved.get(0), saved.get(1)));
        assertEquals(List.of("200 0 ['Second', 'First']"), after.lines(), after.output());
    }

    @Test
    void curlWithEtagCompareAndTimeConditionGetsNotModified() throws Exception {
        assumeTrue(run(List.of("curl", "--version")).exit() == 0, "curl is not installed: apt-get install curl");
        server.createEntry("{\"title\":\"First\"}");
        String url = server.uri("/feed.xml").toString();
        Path etag = directory.resolve("etag");
        Path body = directory.resolve("feed.xml");
        assertEquals("200", curl("--etag-save", etag.toString(), "-o", body.toString(), url));
        assertEquals("304", curl("--etag-compare", etag.toString(), "-o", "/dev/null", url));
        // curl -z compares dates itself: take the real Last-Modified, not the Date it is held to
        // while a change made within the second before is ahead of the clock.
        String lastModified = server.getOnceTheClockHasPassedTheChange("/feed.xml").headers()
                .firstValue("Last-Modified").orElseThrow();
        assertEquals("304", curl("-z", lastModified, "-o", "/dev/null", url));

        server.createEntry("{\"title\":\"Second\"}");
        server.getOnceTheClockHasPassedTheChange("/feed.xml");
        assertEquals("200", curl("--etag-compare", etag.toString(), "-o", body.toString(), url));
        assertTrue(Files.readString(body).contains("<title>Second</title>"));
        assertEquals("200", curl("-z", lastModified, "-o", "/dev/null", url));
    }

    @Test
    void newsboatGetsNotModifiedUntilANewEntryArrives() throws Exception {
        assumeTrue(run(List.of("newsboat", "--version")).exit() == 0, "newsboat is not installed: apt-get install newsboat");
        server.createEntry("{\"title\":\"First\"}");
        Path urls = directory.resolve("urls");
        Files.writeString(urls, server.uri("/feed.xml") + "\n");
        Path config = directory.resolve("config");
        Files.writeString(config, "");
        List<String> newsboat = List.of("newsboat", "-u", urls.toString(), "-c", directory.resolve("cache.db").toString(),
                "-C", config.toString());

        // newsboat keeps a feed's validators only once the feed is in its cache: the first
        // reload adds it, the second stores ETag and Last-Modified, the third is conditional.
        for (int reload = 0; reload < 3; reload++) {
            ExternalCommand result = run(concat(newsboat, "-x", "reload", "print-unread"));
            assertEquals(List.of("1 unread articles"), result.lines(), result.output());
        }
        assertEquals(List.of(200, 200, 304), feedStatusesFrom("newsboat"));

        server.createEntry("{\"title\":\"Second\"}");
        // newsboat (through libcurl) compares Last-Modified with its If-Modified-Since itself; a
        // reader polls minutes apart, never within the second of two changes.
        server.getOnceTheClockHasPassedTheChange("/feed.xml");
        ExternalCommand afterChange = run(concat(newsboat, "-x", "reload", "print-unread"));
        assertEquals(List.of("2 unread articles"), afterChange.lines(), afterChange.output());
        ExternalCommand unchanged = run(concat(newsboat, "-x", "reload", "print-unread"));
        assertEquals(List.of("2 unread articles"), unchanged.lines(), unchanged.output());
        assertEquals(List.of(200, 200, 304, 200, 304), feedStatusesFrom("newsboat"));
    }

    private List<Integer> feedStatusesFrom(String agent) {
        return accessLog.requests(AccessLog.get("/feed.xml", agent)).stream().map(AccessLog.Request::status).toList();
    }

    private String curl(String... arguments) throws Exception {
        ExternalCommand result = run(concat(List.of("curl", "-s", "-w", "%{http_code}"), arguments));
        assertEquals(0, result.exit(), result.output());
        return result.output().strip();
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    private ExternalCommand run(List<String> command) throws IOException, InterruptedException {
        return ExternalCommand.run(directory, command);
    }
}
