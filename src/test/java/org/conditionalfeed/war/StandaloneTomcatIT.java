package org.conditionalfeed.war;

import static org.conditionalfeed.testing.FeedClient.etag;
import static org.conditionalfeed.testing.FeedClient.httpDate;
import static org.conditionalfeed.testing.FeedClient.lastModified;
import static org.conditionalfeed.testing.FeedClient.text;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.conditionalfeed.testing.FeedClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code target/conditional-feed.war} deployed in standalone Tomcats, over real HTTP. Needs the
 * containers that {@code mvn verify} starts with cargo before the integration tests: Tomcat 10.1
 * and Tomcat 11 from Maven Central, each with the settings as {@code -D} system properties of its
 * JVM and the WAR at its own context path (see {@code pom.xml}). Skipped when run without them.
 */
class StandaloneTomcatIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FEED_CACHE_CONTROL = "private, must-revalidate, max-age=0";
    private static final List<String> NAMES = List.of("tomcat10", "tomcat11");
    private static final Pattern STACK_FRAME = Pattern.compile("\\s+at [\\w.$]+\\(.*");

    /** One deployed WAR: where to reach it, the base URL and the directory it was given. */
    record Deployment(String name, FeedClient client, String contextPath, String baseUrl, Path directory) {

        static Deployment of(String name) {
            String url = System.getProperty("it." + name + ".url");
            String contextPath = System.getProperty("it.context");
            return new Deployment(name, new FeedClient(url, System.getProperty("it.admin-password")), contextPath,
                    System.getProperty("it." + name + ".base-url"), Path.of(System.getProperty("it." + name + ".dir")));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void containersWereStarted() {
        for (String name : NAMES) {
            Assumptions.assumeTrue(System.getProperty("it." + name + ".url") != null,
                    "no standalone " + name + ": run `mvn verify`, which deploys the WAR with cargo first");
        }
    }

    static Stream<Deployment> deployments() {
        return NAMES.stream().map(Deployment::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void feedHasValidatorsCacheControlAndLinksFromTheBaseUrl(Deployment tomcat) {
        HttpResponse<byte[]> response = tomcat.client().get("/feed.xml");
        assertEquals(200, response.statusCode());
        assertEquals("application/rss+xml;charset=UTF-8", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(FEED_CACHE_CONTROL, response.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(etag(response).matches("\"[!#-~]+\""), etag(response));
        assertFalse(httpDate(lastModified(response)).isAfter(httpDate(response.headers().firstValue("Date").orElseThrow())));
        SyndFeed feed = FeedClient.parseFeed(response.body());
        assertEquals("rss_2.0", feed.getFeedType());
        assertEquals(tomcat.baseUrl() + "/", feed.getLink(), "FEED_BASE_URL, not the request's host");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void returnsNotModifiedWhenEtagMatches(Deployment tomcat) {
        HttpResponse<byte[]> first = tomcat.client().get("/feed.xml");
        HttpResponse<byte[]> second = tomcat.client().get("/feed.xml", "If-None-Match", etag(first));
        assertNotModifiedLike(first, second);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void returnsNotModifiedWhenIfModifiedSinceEqualsLastModified(Deployment tomcat) {
        HttpResponse<byte[]> first = tomcat.client().get("/feed.xml");
        HttpResponse<byte[]> second = tomcat.client().get("/feed.xml", "If-Modified-Since", lastModified(first));
        assertNotModifiedLike(first, second);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void gzipVariantHasItsOwnEtagAndVary(Deployment tomcat) throws IOException {
        HttpResponse<byte[]> identity = tomcat.client().get("/feed.xml");
        HttpResponse<byte[]> gzip = tomcat.client().get("/feed.xml", "Accept-Encoding", "gzip");
        assertEquals(200, gzip.statusCode());
        assertEquals("gzip", gzip.headers().firstValue("Content-Encoding").orElseThrow());
        assertEquals("Accept-Encoding", gzip.headers().firstValue("Vary").orElseThrow());
        assertEquals("Accept-Encoding", identity.headers().firstValue("Vary").orElseThrow());
        assertNotEquals(etag(identity), etag(gzip));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
            assertArrayEquals(identity.body(), in.readAllBytes());
        }
        assertNotModifiedLike(gzip, tomcat.client().get("/feed.xml", "Accept-Encoding", "gzip", "If-None-Match", etag(gzip)));
        assertEquals(200, tomcat.client().get("/feed.xml", "If-None-Match", etag(gzip)).statusCode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void newEntryAppearsWithNewValidators(Deployment tomcat) throws IOException {
        HttpResponse<byte[]> before = tomcat.client().get("/feed.xml");
        String title = "Deployed in " + tomcat.name() + " at " + System.nanoTime();
        HttpResponse<byte[]> created = tomcat.client().api("POST", "/api/entries",
                "{\"title\":\"" + title + "\",\"content\":\"<p>From the WAR</p>\"}");
        assertEquals(201, created.statusCode(), text(created));
        long id = JSON.readTree(created.body()).get("id").asLong();
        assertEquals(tomcat.contextPath() + "/api/entries/" + id, created.headers().firstValue("Location").orElseThrow());

        HttpResponse<byte[]> after = tomcat.client().getOnceTheClockHasPassedTheChange("/feed.xml", "If-None-Match",
                etag(before));
        assertEquals(200, after.statusCode(), "the old ETag must no longer match");
        assertNotEquals(etag(before), etag(after));
        assertTrue(httpDate(lastModified(after)).isAfter(httpDate(lastModified(before))));
        assertEquals(200, tomcat.client().get("/feed.xml", "If-Modified-Since", lastModified(before)).statusCode());
        SyndEntry newest = FeedClient.parseFeed(after.body()).getEntries().get(0);
        assertEquals(title, newest.getTitle());
        assertEquals(tomcat.baseUrl() + "/entries/" + id, newest.getLink());
        assertEquals(304, tomcat.client().get("/feed.xml", "If-None-Match", etag(after)).statusCode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void entryPageIsServedAndConditional(Deployment tomcat) {
        long id = tomcat.client().createEntry("{\"title\":\"Page <" + tomcat.name() + ">\",\"content\":\"<p>Body</p>\"}");
        HttpResponse<byte[]> page = tomcat.client().get("/entries/" + id);
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(text(page).contains("Page &lt;" + tomcat.name() + "&gt;"), text(page));
        assertEquals(304, tomcat.client().get("/entries/" + id, "If-None-Match", etag(page)).statusCode());
        assertEquals(404, tomcat.client().get("/entries/" + (id + 1000)).statusCode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void healthReportsTheDatabaseNamedInTheSettings(Deployment tomcat) {
        HttpResponse<byte[]> response = tomcat.client().get("/healthz");
        assertEquals(200, response.statusCode());
        assertEquals("ok\n", text(response));
        assertTrue(Files.isRegularFile(tomcat.directory().resolve("data/feed.mv.db")),
                "FEED_DB_URL names the H2 file under " + tomcat.directory());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void assetsAreContentHashedAndImmutable(Deployment tomcat) {
        String login = text(tomcat.client().get("/admin/login"));
        Matcher css = Pattern.compile("href=\"" + Pattern.quote(tomcat.contextPath())
                + "(/assets/admin\\.[0-9a-f]{10}\\.css)\"").matcher(login);
        assertTrue(css.find(), "the login page links the stylesheet under the context path: " + login);
        HttpResponse<byte[]> asset = tomcat.client().get(css.group(1));
        assertEquals(200, asset.statusCode());
        assertEquals("public, max-age=31536000, immutable", asset.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals(304, tomcat.client().get(css.group(1), "If-None-Match", etag(asset)).statusCode());
        assertEquals(404, tomcat.client().get("/assets/admin.0123456789.css").statusCode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void refusalsAreJsonMessagesNeverServerErrors(Deployment tomcat) throws IOException {
        assertJsonError(tomcat.client().api("POST", "/api/entries", "{\"title\":"), 400);
        assertJsonError(tomcat.client().api("POST", "/api/entries", "{\"content\":\"no title\"}"), 400);
        HttpResponse<byte[]> anonymous = tomcat.client().send(tomcat.client().request("/api/entries",
                "Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"a\"}")).build());
        assertJsonError(anonymous, 401);
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Basic realm="));
        assertJsonError(tomcat.client().send(tomcat.client().request("/api/entries",
                "Authorization", FeedClient.basic("admin", System.getProperty("it.admin-password")),
                "Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("title")).build()), 415);
        HttpResponse<byte[]> unknown = tomcat.client().get("/nothing/here");
        assertEquals(404, unknown.statusCode());
        assertFalse(text(unknown).contains("Tomcat"), text(unknown));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void containerLogShowsACleanStartWithTheOperatorsSettings(Deployment tomcat) throws IOException {
        Path log = tomcat.directory().resolve("container.log");
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            // java.util.logging's two-line format: "date logger method", then "LEVEL: message".
            boolean ours = i > 0 && lines.get(i - 1).contains(" org.conditionalfeed.");
            if (line.startsWith("SEVERE") || STACK_FRAME.matcher(line).matches() || line.contains("Exception")
                    || (ours && line.startsWith("WARNING"))) {
                problems.add(log.getFileName() + ":" + (i + 1) + ": " + line);
            }
        }
        String serving = "Serving the feed at " + tomcat.baseUrl() + "/feed.xml";
        assertAll(
                () -> assertEquals(List.of(), problems, "errors or warnings in " + log),
                () -> assertTrue(lines.stream().anyMatch(line -> line.contains(serving)),
                        "the WAR started with FEED_BASE_URL, logging '" + serving + "'; see " + log));
    }

    @Test
    void warBringsNoContainerOfItsOwn() throws IOException {
        try (ZipFile war = new ZipFile(System.getProperty("it.war"))) {
            List<String> libraries = war.stream().map(ZipEntry::getName)
                    .filter(name -> name.startsWith("WEB-INF/lib/")).toList();
            assertTrue(libraries.stream().anyMatch(name -> name.contains("rome-")), libraries.toString());
            assertEquals(List.of(), libraries.stream()
                    .filter(name -> name.contains("tomcat") || name.contains("servlet-api")).toList());
            assertNotNull(war.getEntry("WEB-INF/classes/META-INF/services/jakarta.servlet.ServletContainerInitializer"));
        }
    }

    private static void assertNotModifiedLike(HttpResponse<byte[]> ok, HttpResponse<byte[]> notModified) {
        assertEquals(304, notModified.statusCode());
        assertEquals(0, notModified.body().length);
        for (String header : List.of("ETag", "Last-Modified", "Cache-Control", "Vary")) {
            assertEquals(ok.headers().firstValue(header), notModified.headers().firstValue(header), header);
        }
        assertTrue(notModified.headers().firstValue("Date").isPresent());
    }

    private static void assertJsonError(HttpResponse<byte[]> response, int status) throws IOException {
        assertEquals(status, response.statusCode(), text(response));
        assertEquals("application/json;charset=UTF-8", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode body = JSON.readTree(response.body());
        assertTrue(body.get("error").isTextual() && !body.get("error").asText().isBlank(), text(response));
        assertFalse(text(response).contains("Exception"), text(response));
    }
}
