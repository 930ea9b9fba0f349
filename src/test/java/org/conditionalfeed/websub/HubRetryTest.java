package org.conditionalfeed.websub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.conditionalfeed.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publisher against a hub that fails: a real H2 database, a real hub over HTTP, and short
 * waits between tries so the backoff shows in milliseconds.
 */
class HubRetryTest {

    private static final String TOPIC = "https://blog.example.org/feed.xml";
    private static final Backoff QUICK = new Backoff(Duration.ofMillis(100), Duration.ofMillis(400), 4);

    @TempDir
    Path directory;
    private Database database;
    private TestHub hub;
    private WebSubPublisher publisher;
    private final AtomicReference<String> digest = new AtomicReference<>("first");

    @BeforeEach
    void start() throws Exception {
        database = Database.open("jdbc:h2:file:" + directory.resolve("feed").toAbsolutePath(), "sa", "");
        // Nobody subscribes here, so the hub fetches nothing; were it to, only from loopback.
        hub = new TestHub(topic -> "http://127.0.0.1:9/");
        publisher = new WebSubPublisher(database.jdbi(), List.of(hub.url()), () -> Map.of(TOPIC, digest.get()),
                Clock.systemUTC(), QUICK, Duration.ofSeconds(30));
        publisher.start();
        WebSubEndToEndTest.waitFor(() -> database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT COUNT(*) FROM websub_topic").mapTo(Integer.class).one()) == 1, "the first digest recorded");
    }

    @AfterEach
    void stop() {
        publisher.close();
        hub.close();
        database.close();
    }

    @Test
    void aHubThatFailsTwiceGetsThePingOnTheThirdTryAfterGrowingWaits() throws Exception {
        hub.failNext(2);
        digest.set("second");
        publisher.changed();
        WebSubEndToEndTest.waitFor(() -> !hub.acceptedPings().isEmpty(), "the accepted ping");
        List<TestHub.Received> pings = hub.pings();
        assertEquals(List.of(503, 503, 204), pings.stream().map(TestHub.Received::status).toList());
        long firstWait = pings.get(1).atNanos() - pings.get(0).atNanos();
        long secondWait = pings.get(2).atNanos() - pings.get(1).atNanos();
        assertTrue(firstWait >= Duration.ofMillis(100).toNanos(), "first wait " + firstWait);
        assertTrue(secondWait >= Duration.ofMillis(200).toNanos(), "second wait " + secondWait);
        WebSubEndToEndTest.waitFor(() -> publisher.waiting() == 0, "the outbox to empty");
    }

    @Test
    void aHubThatKeepsFailingIsGivenUpAfterTheLastAttempt() throws Exception {
        hub.failAll(true);
        digest.set("second");
        publisher.changed();
        WebSubEndToEndTest.waitFor(() -> publisher.waiting() == 0 && hub.pings().size() >= 4, "the ping given up");
        Thread.sleep(600);
        assertEquals(4, hub.pings().size(), "tried four times in all");
    }

    @Test
    void anUnchangedFeedQueuesNothingAndEachChangeOnePing() throws Exception {
        publisher.changed();
        Thread.sleep(300);
        assertEquals(List.of(), hub.pings(), "the first digest is the baseline; the same digest again is no change");
        digest.set("second");
        publisher.changed();
        WebSubEndToEndTest.waitFor(() -> hub.acceptedPings().size() == 1, "one ping");
        publisher.changed();
        Thread.sleep(300);
        assertEquals(1, hub.pings().size());
    }

    @Test
    void feedsToldChangedArePingedWithoutComparingDigests() throws Exception {
        publisher.changed(java.util.Set.of(TOPIC, "https://blog.example.org/categories/java/feed.atom"));
        WebSubEndToEndTest.waitFor(() -> hub.acceptedPings().size() == 2, "two pings");
        assertEquals(java.util.Set.of(TOPIC, "https://blog.example.org/categories/java/feed.atom"),
                java.util.Set.copyOf(hub.acceptedTopics()));
        WebSubEndToEndTest.waitFor(() -> publisher.waiting() == 0, "the outbox to empty");
    }
}
