package org.conditionalfeed.websub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one PostgreSQL database send each ping once: the one that wrote a change
 * queues and sends it, and pings waiting in the shared outbox are claimed by one instance only.
 */
class PostgresWebSubTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @TempDir
    Path directory;
    private final List<FeedServer> instances = new ArrayList<>();
    private TestHub hub;
    private Map<String, String> settings;

    @BeforeEach
    void start() throws Exception {
        hub = new TestHub(topic -> instances.get(0).uri(topic.substring(FeedServer.BASE_URL.length())).toString());
        settings = new HashMap<>(POSTGRES.newDatabase());
        settings.put("FEED_WEBSUB_HUBS", hub.url());
        instances.add(FeedServer.start(directory.resolve("a"), settings));
        instances.add(FeedServer.start(directory.resolve("b"), settings));
    }

    @AfterEach
    void stop() {
        instances.forEach(FeedServer::close);
        hub.close();
    }

    @Test
    void eachChangeThroughEitherInstanceIsPingedOnce() throws Exception {
        int feeds = WebSubEndToEndTest.MAIN_FEEDS.size();
        for (int change = 1; change <= 4; change++) {
            instances.get(change % 2).createEntry("{\"title\":\"Change " + change + "\"}");
            int expected = change * feeds;
            WebSubEndToEndTest.waitFor(() -> hub.acceptedPings().size() >= expected, "pings of change " + change);
        }
        // Longer than an instance's look for due pings: a second sender would have sent by now.
        Thread.sleep(7_000);
        for (String topic : WebSubEndToEndTest.MAIN_FEEDS) {
            assertEquals(List.of(topic, topic, topic, topic),
                    hub.acceptedTopics().stream().filter(topic::equals).toList(), "each change pinged once for " + topic);
        }
        assertEquals(4 * feeds, hub.acceptedTopics().size(), "and nothing else: " + hub.acceptedTopics());
    }

    @Test
    void pingsWaitingInTheSharedOutboxAreEachSentByOneInstance() throws Exception {
        int count = 30;
        try (Connection connection = PostgresServer.connect(settings);
                PreparedStatement insert = connection.prepareStatement("INSERT INTO websub_ping "
                        + "(hub, topic, generation, attempts, due, queued) VALUES (?, ?, 1, 0, ?, ?)")) {
            Timestamp now = Timestamp.from(Instant.now());
            for (int i = 0; i < count; i++) {
                insert.setString(1, hub.url());
                insert.setString(2, FeedServer.BASE_URL + "/topic/" + i);
                insert.setTimestamp(3, now);
                insert.setTimestamp(4, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        WebSubEndToEndTest.waitFor(() -> hub.acceptedPings().size() >= count, "every waiting ping");
        Thread.sleep(7_000);
        Map<String, Integer> perTopic = new TreeMap<>();
        for (String topic : hub.acceptedTopics()) {
            perTopic.merge(topic, 1, Integer::sum);
        }
        assertEquals(count, perTopic.size());
        assertEquals(List.of(1), perTopic.values().stream().distinct().toList(), perTopic.toString());
    }
}
