package org.conditionalfeed.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.synd.SyndEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.conditionalfeed.testing.AccessLog;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.HeadlessChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Chromium as a feed client, through its real HTTP cache: a page of the site polls the feed with
 * {@code fetch()} in its default cache mode. The feed's {@code Cache-Control: private,
 * must-revalidate, max-age=0} makes every cached copy stale at once, so Chromium revalidates it
 * with the stored validators, and the server's access log shows {@code 304} while nothing changed
 * and {@code 200} with the new entry once something did. The page sees {@code 200} either way:
 * Chromium answers it from its cache after a {@code 304}, which is why the assertions read the
 * server's log. Opening the feed itself and reloading it revalidates the same way.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} (CI installs them); skips when
 * they are missing.
 */
@Tag("chromium")
class ChromiumFeedClientTest {

    /** Chromium's user agent names it {@code Mozilla/5.0 (X11; Linux x86_64) … HeadlessChrome/…}. */
    private static final String CHROMIUM_AGENT = "Mozilla/5.0";
    private static final String FETCH_FEED = String.join("\n",
            "const done = arguments[arguments.length - 1];",
            "fetch('/feed.xml')",
            "  .then(response => response.text().then(body => done(",
            "      {status: response.status, etag: response.headers.get('ETag'), body: body})))",
            "  .catch(error => done({status: -1, etag: null, body: String(error)}));");

    @TempDir
    Path directory;
    private FeedServer server;
    private AccessLog accessLog;
    private ChromeDriver browser;

    @BeforeEach
    void start() {
        HeadlessChromium.assumeInstalled();
        server = FeedServer.start(directory.resolve("db"));
        accessLog = AccessLog.capture();
        browser = HeadlessChromium.start(HeadlessChromium.options(directory.resolve("chromium-profile")));
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(15));
    }

    @AfterEach
    void stop() throws Exception {
        HeadlessChromium.quitThenClose(browser, accessLog, server);
    }

    @Test
    void fetchGetsNotModifiedUntilANewEntryArrives() throws InterruptedException {
        server.createEntry("{\"title\":\"First\",\"content\":\"<p>one</p>\"}");
        browser.get(server.uri("/").toString());

        Fetched first = fetchFeed();
        assertEquals(200, first.status(), first.body());
        assertEquals(List.of("First"), titles(first.body()));
        AccessLog.Request firstRequest = feedRequests(1).get(0);
        assertEquals(200, firstRequest.status());
        assertTrue(firstRequest.etag().endsWith("-gz\""), "Chromium asks for gzip: " + firstRequest);
        assertEquals(firstRequest.etag(), first.etag(), "the page sees the ETag the server sent");

        Fetched unchanged = fetchFeed();
        assertEquals(first, unchanged, "the page gets the cached copy");
        List<AccessLog.Request> requests = feedRequests(2);
        assertEquals(List.of(200, 304), statuses(requests), "Chromium revalidates its stale copy");
        assertEquals(first.etag(), requests.get(1).etag());

        server.createEntry("{\"title\":\"Second\"}");
        Fetched changed = fetchFeed();
        assertEquals(200, changed.status(), changed.body());
        assertEquals(List.of("Second", "First"), titles(changed.body()));
        assertNotEquals(first.etag(), changed.etag());
        requests = feedRequests(3);
        assertEquals(List.of(200, 304, 200), statuses(requests));
        assertEquals(changed.etag(), requests.get(2).etag());
        assertTrue(changed.etag().endsWith("-gz\""), changed.etag());

        assertEquals(changed, fetchFeed());
        assertEquals(List.of(200, 304, 200, 304), statuses(feedRequests(4)));
    }

    @Test
    void reloadingTheFeedGetsNotModifiedUntilANewEntryArrives() throws InterruptedException {
        server.createEntry("{\"title\":\"First\",\"content\":\"<p>one</p>\"}");
        String feed = server.uri("/feed.xml").toString();

        browser.get(feed);
        assertEquals(List.of("First"), shownTitles());
        browser.navigate().refresh();
        assertEquals(List.of("First"), shownTitles());
        List<AccessLog.Request> requests = feedRequests(2);
        assertEquals(List.of(200, 304), statuses(requests), "a reload revalidates the shown feed");
        assertEquals(requests.get(0).etag(), requests.get(1).etag());

        server.createEntry("{\"title\":\"Second\"}");
        browser.navigate().refresh();
        assertEquals(List.of("Second", "First"), shownTitles());
        browser.get(feed);
        assertEquals(List.of("Second", "First"), shownTitles());
        requests = feedRequests(4);
        assertEquals(List.of(200, 304, 200, 304), statuses(requests));
        assertNotEquals(requests.get(0).etag(), requests.get(2).etag());
        assertEquals(requests.get(2).etag(), requests.get(3).etag());
        for (AccessLog.Request request : requests) {
            assertTrue(request.etag().endsWith("-gz\""), "Chromium asks for gzip: " + request);
        }
    }

    /** Runs {@code fetch('/feed.xml')} in the open page, as a script polling the feed would. */
    private Fetched fetchFeed() {
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) browser.executeAsyncScript(FETCH_FEED);
        return new Fetched(((Number) result.get("status")).intValue(), (String) result.get("etag"),
                (String) result.get("body"));
    }

    /** Chromium's requests for the feed, once the server has logged at least {@code count} of them. */
    private List<AccessLog.Request> feedRequests(int count) throws InterruptedException {
        return accessLog.await(AccessLog.get("/feed.xml", CHROMIUM_AGENT), count);
    }

    /**
     * The titles in the feed the browser shows. Chromium neither downloads
     * {@code application/rss+xml} nor renders it as a tree: it shows the document as plain text.
     */
    private List<String> shownTitles() {
        String shown = (String) browser.executeScript("return document.documentElement.textContent;");
        return titles(shown);
    }

    private static List<Integer> statuses(List<AccessLog.Request> requests) {
        return requests.stream().map(AccessLog.Request::status).toList();
    }

    private static List<String> titles(String feed) {
        return FeedServer.parseFeed(feed.getBytes(StandardCharsets.UTF_8)).getEntries().stream()
                .map(SyndEntry::getTitle).toList();
    }

    /** What the page's script saw. */
    private record Fetched(int status, String etag, String body) {
    }
}
