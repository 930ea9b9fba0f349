package org.conditionalfeed.websub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.xml.parsers.DocumentBuilderFactory;
import org.conditionalfeed.testing.FeedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The application as a WebSub publisher, end to end: a real subscriber subscribes at a small hub
 * (in the test code) to the feed the feed's own links name, and receives the new content soon
 * after an entry is written; a ping that could not be sent before a stop is sent after the start.
 */
class WebSubEndToEndTest {

    private static final String TOPIC = FeedServer.BASE_URL + "/feed.xml";
    private static final String CLOSED_HUB = "http://127.0.0.1:9/hub";
    private static final String ATOM = "http://www.w3.org/2005/Atom";
    /** The feeds a change without categories alters, sorted. */
    static final List<String> MAIN_FEEDS = List.of(FeedServer.BASE_URL + "/feed.atom", FeedServer.BASE_URL + "/feed.json",
            FeedServer.BASE_URL + "/feed.xml");

    @TempDir
    Path directory;
    private FeedServer server;
    private TestHub hub;
    private TestSubscriber subscriber;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (hub != null) {
            hub.close();
        }
        if (subscriber != null) {
            subscriber.close();
        }
    }

    private void startHub() throws Exception {
        hub = new TestHub(topic -> server.uri(topic.substring(FeedServer.BASE_URL.length())).toString());
    }

    private FeedServer startServer() {
        return FeedServer.start(directory, Map.of("FEED_WEBSUB_HUBS", hub.url()));
    }

    @Test
    void everyFeedAnswerNamesTheHubsAndItself() throws Exception {
        startHub();
        // The second hub is a loopback port where nothing listens: named, and its pings fail.
        server = FeedServer.start(directory, Map.of("FEED_WEBSUB_HUBS", hub.url() + ", " + CLOSED_HUB));
        server.createEntry("{\"title\":\"First\"}");
        HttpResponse<byte[]> full = server.get("/feed.xml");
        HttpResponse<byte[]> notModified = server.get("/feed.xml", "If-None-Match", FeedServer.etag(full));
        assertEquals(304, notModified.statusCode());
        List<String> expected = List.of("<" + hub.url() + ">; rel=\"hub\"", "<" + CLOSED_HUB + ">; rel=\"hub\"",
                "<" + TOPIC + ">; rel=\"self\"");
        assertEquals(expected, full.headers().allValues("Link"));
        assertEquals(expected, notModified.headers().allValues("Link"));
        assertEquals(List.of("hub " + hub.url(), "hub " + CLOSED_HUB, "self " + TOPIC), atomLinks(full.body()));
    }

    /** The channel's {@code atom:link} elements, as "rel href". */
    private static List<String> atomLinks(byte[] rss) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(rss));
        NodeList links = document.getElementsByTagNameNS(ATOM, "link");
        List<String> found = new ArrayList<>();
        for (int i = 0; i < links.getLength(); i++) {
            Element link = (Element) links.item(i);
            assertEquals("channel", link.getParentNode().getNodeName());
            found.add(link.getAttribute("rel") + " " + link.getAttribute("href"));
        }
        return found;
    }

    @Test
    void aPostInACategoryPingsItsFeedsAndTheMainOnesAndEachNamesItself() throws Exception {
        startHub();
        server = startServer();
        server.createEntry("{\"title\":\"Typed\",\"categories\":[\"java\"]}");
        waitFor(() -> hub.acceptedPings().size() >= 6, "the pings of the six changed feeds");
        String java = FeedServer.BASE_URL + "/categories/java/";
        List<String> expected = new ArrayList<>(MAIN_FEEDS);
        expected.addAll(List.of(java + "feed.atom", java + "feed.json", java + "feed.xml"));
        assertEquals(expected.stream().sorted().toList(), hub.acceptedTopics().stream().sorted().toList());
        for (String path : List.of("/categories/java/feed.atom", "/feed.json")) {
            assertEquals(List.of("<" + hub.url() + ">; rel=\"hub\"", "<" + FeedServer.BASE_URL + path + ">; rel=\"self\""),
                    server.get(path).headers().allValues("Link"), path);
        }
        assertTrue(FeedServer.text(server.get("/categories/java/feed.atom")).contains("<link rel=\"hub\" href=\""
                + hub.url() + "\" />"));
        assertTrue(FeedServer.text(server.get("/feed.json")).contains("\"hubs\":[{\"type\":\"WebSub\",\"url\":\""
                + hub.url() + "\"}]"));
        assertEquals(List.of(), server.get("/categories/java/").headers().allValues("Link"), "pages are not topics");
    }

    @Test
    void withoutHubsTheFeedNamesNone() {
        server = FeedServer.start(directory);
        for (String path : List.of("/feed.xml", "/feed.atom", "/feed.json")) {
            HttpResponse<byte[]> full = server.get(path);
            assertEquals(List.of(), full.headers().allValues("Link"), path);
            String text = FeedServer.text(full);
            assertTrue(!text.contains("rel=\"hub\"") && !text.contains("\"hubs\""), text);
        }
    }

    @Test
    void aSubscriberReceivesTheNewEntrySoonAfterItIsWritten() throws Exception {
        startHub();
        server = startServer();
        subscriber = new TestSubscriber();
        String self = server.get("/feed.xml").headers().allValues("Link").stream()
                .filter(link -> link.endsWith("rel=\"self\"")).findFirst().orElseThrow();
        String topic = self.substring(1, self.indexOf('>'));
        assertTrue(hub.subscribe(topic, subscriber.callback()), "the hub verified the subscription");

        long started = System.nanoTime();
        server.createEntry("{\"title\":\"Pushed to subscribers\"}");
        String delivered = subscriber.nextDelivery(Duration.ofSeconds(20));
        assertNotNull(delivered, "no content delivered; pings: " + hub.pings());
        assertTrue(delivered.contains("<title>Pushed to subscribers</title>"), delivered);
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos(), "delivered within seconds");
        assertEquals(List.of(topic), pingsOf(topic));

        server.createEntry("{\"title\":\"And another\"}");
        String second = subscriber.nextDelivery(Duration.ofSeconds(20));
        assertNotNull(second, "no second delivery; pings: " + hub.pings());
        assertTrue(second.contains("<title>And another</title>"), second);
        assertEquals(List.of(topic, topic), pingsOf(topic));
    }

    @Test
    void aPingThatWaitedWhileTheServerWasStoppedIsSentAfterTheStart() throws Exception {
        startHub();
        hub.failAll(true);
        server = startServer();
        server.createEntry("{\"title\":\"Written while the hub is down\"}");
        waitFor(() -> !hub.pings().isEmpty(), "the first attempt");
        server.close();
        server = null;
        assertEquals(MAIN_FEEDS.size(), waitingPings(),
                "the pings of the three main feeds wait in the database while the server is stopped");
        assertTrue(hub.acceptedPings().isEmpty());

        hub.failAll(false);
        server = startServer();
        waitFor(() -> hub.acceptedPings().size() >= MAIN_FEEDS.size(), "the pings after the start");
        assertEquals(MAIN_FEEDS, hub.acceptedTopics().stream().sorted().toList());
        Thread.sleep(200);
        server.close();
        server = null;
        assertEquals(0, waitingPings(), "the sent ping left the outbox");
    }

    private int waitingPings() throws Exception {
        String url = "jdbc:h2:file:" + directory.resolve("feed").toAbsolutePath();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM websub_ping")) {
            result.next();
            return result.getInt(1);
        }
    }

    static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** The accepted pings for {@code topic}: the hub is told about every feed that changed. */
    private List<String> pingsOf(String topic) {
        return hub.acceptedTopics().stream().filter(topic::equals).toList();
    }
}
