package org.conditionalfeed.boot;

import static org.conditionalfeed.testing.FeedServer.etag;
import static org.conditionalfeed.testing.FeedServer.httpDate;
import static org.conditionalfeed.testing.FeedServer.lastModified;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.synd.SyndEntry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several instances of the application on one PostgreSQL database behave as one: they start
 * together on an empty database, give the same validators and bytes for the same state, see each
 * other's writes on the very next request, lose no concurrent write, and acknowledge a write only
 * once it is committed.
 */
class PostgresInstancesTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private static final Pattern GENERATED_PASSWORD = Pattern.compile("created with generated password: (\\S+)");

    @TempDir
    Path directory;
    private final List<FeedServer> instances = new ArrayList<>();
    private ExecutorService executor;

    @AfterEach
    void stop() throws InterruptedException {
        if (executor != null) {
            executor.shutdownNow();
            assertTrue(executor.awaitTermination(30, TimeUnit.SECONDS), "test threads did not stop");
        }
        for (FeedServer instance : instances) {
            instance.close();
        }
    }

    @Test
    void instancesStartingTogetherOnAnEmptyDatabaseAllStartAndShareOneAdministrator() throws Exception {
        Map<String, String> settings = new HashMap<>(POSTGRES.newDatabase());
        settings.put("FEED_ADMIN_PASSWORD", "");
        List<String> passwords = new ArrayList<>();
        Logger authenticatorLog = Logger.getLogger("org.conditionalfeed.admin.AdminAuthenticator");
        Handler capture = new Handler() {
            @Override
            public synchronized void publish(LogRecord record) {
                Matcher matcher = GENERATED_PASSWORD.matcher(String.valueOf(record.getMessage()));
                if (matcher.find()) {
                    passwords.add(matcher.group(1));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        authenticatorLog.addHandler(capture);
        try {
            startTogether(3, settings);
        } finally {
            authenticatorLog.removeHandler(capture);
        }

        assertEquals(1, passwords.size(), "exactly one instance generates the administrator's password");
        String etag = etag(instances.get(0).get("/feed.xml"));
        for (FeedServer instance : instances) {
            assertEquals(etag, etag(instance.get("/feed.xml")));
            assertEquals(200, entriesAs(instance, passwords.get(0)), "the generated password works on every instance");
        }
        try (Connection connection = PostgresServer.connect(settings)) {
            assertEquals(1, count(connection, "SELECT COUNT(*) FROM admin_user"));
            assertEquals(1 + 3, count(connection, "SELECT revision FROM feed_state"),
                    "the settings are recorded once (revision 1), then each of the three starts claims one");
            assertEquals(0, count(connection, "SELECT COUNT(*) - COUNT(DISTINCT version) FROM flyway_schema_history"
                    + " WHERE success"), "each migration applied once");
            assertTrue(count(connection, "SELECT COUNT(*) FROM flyway_schema_history WHERE success") >= 1);
        }
    }

    @Test
    void instancesGiveTheSameValidatorsAndBytesAndSeeEachOthersWritesAtOnce() {
        Map<String, String> settings = POSTGRES.newDatabase();
        FeedServer a = start(settings);
        FeedServer b = start(settings);
        HttpResponse<byte[]> before = sameOnBoth(a, b);

        long id = a.createEntry("{\"title\":\"Through A\"}");
        HttpResponse<byte[]> created = b.get("/feed.xml", "If-None-Match", etag(before));
        assertEquals(200, created.statusCode(), "B answers at once with A's write, never a stale 304");
        assertTrue(FeedServer.text(created).contains("<title>Through A</title>"));
        assertEquals(200, b.get("/feed.xml", "If-Modified-Since", lastModified(before)).statusCode());
        assertEquals(etag(created), etag(sameOnBoth(a, b)));

        assertEquals(200, b.api("PUT", "/api/entries/" + id, "{\"title\":\"Edited through B\"}").statusCode());
        HttpResponse<byte[]> edited = a.get("/feed.xml", "If-None-Match", etag(created));
        assertEquals(200, edited.statusCode());
        assertTrue(FeedServer.text(edited).contains("<title>Edited through B</title>"));
        assertEquals(200, a.get("/feed.xml", "If-Modified-Since", lastModified(created)).statusCode());
        HttpResponse<byte[]> page = a.get("/entries/" + id);
        assertTrue(FeedServer.text(page).contains("Edited through B"));
        assertEquals(etag(page), etag(b.get("/entries/" + id)));

        assertEquals(204, a.api("DELETE", "/api/entries/" + id, null).statusCode());
        HttpResponse<byte[]> deleted = b.get("/feed.xml", "If-None-Match", etag(edited));
        assertEquals(200, deleted.statusCode());
        assertFalse(FeedServer.text(deleted).contains("<item>"));
        assertEquals(200, b.get("/feed.xml", "If-Modified-Since", lastModified(edited)).statusCode());
        assertEquals(404, b.get("/entries/" + id).statusCode());
        assertEquals(etag(deleted), etag(sameOnBoth(a, b)));
        assertEquals(FeedServer.text(before), FeedServer.text(deleted), "an empty feed again, byte for byte");
        assertEquals(etag(before), etag(deleted), "the same bytes, so the same tag, at a later revision");
        assertTrue(httpDate(lastModified(deleted)).isAfter(httpDate(lastModified(before))),
                "Last-Modified still moves forward with the revision");
    }

    @Test
    void concurrentWritesThroughBothInstancesAllLandAndNoTagNamesTwoFeeds() throws Exception {
        Map<String, String> settings = new HashMap<>(POSTGRES.newDatabase());
        settings.put("FEED_MAX_ITEMS", "50");
        FeedServer a = start(settings);
        FeedServer b = start(settings);
        int writers = 4;
        int writesEach = 3;
        executor = Executors.newFixedThreadPool(writers + 2);
        AtomicBoolean writing = new AtomicBoolean(true);
        Map<String, Set<String>> bodiesByTag = new ConcurrentHashMap<>();
        List<Future<Integer>> readers = new ArrayList<>();
        for (FeedServer reader : List.of(a, b)) {
            readers.add(executor.submit(() -> {
                int reads = 0;
                do {
                    HttpResponse<byte[]> feed = reader.get("/feed.xml");
                    assertEquals(200, feed.statusCode());
                    bodiesByTag.computeIfAbsent(etag(feed), tag -> ConcurrentHashMap.newKeySet())
                            .add(FeedServer.text(feed));
                    reads++;
                } while (writing.get());
                return reads;
            }));
        }
        List<Future<?>> writes = new ArrayList<>();
        Set<String> titles = ConcurrentHashMap.newKeySet();
        for (int writer = 0; writer < writers; writer++) {
            FeedServer through = writer % 2 == 0 ? a : b;
            String name = (writer % 2 == 0 ? "A" : "B") + writer;
            writes.add(executor.submit(() -> {
                for (int i = 0; i < writesEach; i++) {
                    String title = "Entry " + name + "." + i;
                    through.createEntry("{\"title\":\"" + title + "\"}");
                    titles.add(title);
                }
                return null;
            }));
        }
        for (Future<?> write : writes) {
            write.get(120, TimeUnit.SECONDS);
        }
        writing.set(false);
        for (Future<Integer> reader : readers) {
            assertTrue(reader.get(30, TimeUnit.SECONDS) > 0);
        }

        assertEquals(writers * writesEach, titles.size());
        for (FeedServer instance : List.of(a, b)) {
            String list = FeedServer.text(instance.api("GET", "/api/entries?limit=100", null));
            for (String title : titles) {
                assertTrue(list.contains("\"title\":\"" + title + "\""), title + " missing from " + list);
            }
        }
        HttpResponse<byte[]> last = sameOnBoth(a, b);
        Set<String> shown = new TreeSet<>();
        for (SyndEntry item : FeedServer.parseFeed(last.body()).getEntries()) {
            shown.add(item.getTitle());
        }
        assertEquals(new TreeSet<>(titles), shown, "the feed shows every write");
        bodiesByTag.computeIfAbsent(etag(last), tag -> ConcurrentHashMap.newKeySet()).add(FeedServer.text(last));
        bodiesByTag.forEach((tag, bodies) -> assertEquals(1, bodies.size(), "ETag " + tag + " named "
                + bodies.size() + " different feeds"));
        assertTrue(bodiesByTag.size() > 1, "the readers saw the feed change: " + bodiesByTag.keySet());
    }

    @Test
    void newAdministratorPasswordCountsOnEveryInstanceAtOnce() {
        Map<String, String> settings = new HashMap<>(POSTGRES.newDatabase());
        FeedServer a = start(settings);
        FeedServer b = start(settings);
        assertEquals(200, entriesAs(a, FeedServer.ADMIN_PASSWORD), "A accepts and remembers the password");
        b.close();
        instances.remove(b);
        settings.put("FEED_ADMIN_PASSWORD", "another long passphrase");
        start(settings);
        assertEquals(401, entriesAs(a, FeedServer.ADMIN_PASSWORD), "A no longer takes the replaced password");
        assertEquals(200, entriesAs(a, "another long passphrase"));
    }

    @Test
    void acknowledgedWritesAreCommittedForEveryOtherConnection() throws Exception {
        Map<String, String> settings = POSTGRES.newDatabase();
        FeedServer a = start(settings);
        FeedServer b = start(settings);
        try (Connection connection = PostgresServer.connect(settings)) {
            assertEquals("on", show(connection, "synchronous_commit"),
                    "the test server commits durably, as PostgreSQL does by default");

            long id = a.createEntry("{\"title\":\"Acknowledged\"}");
            assertEquals(List.of("Acknowledged"), titles(connection, id), "committed before the 201");
            a.close();
            instances.remove(a);
            assertEquals(200, b.api("GET", "/api/entries/" + id, null).statusCode());

            assertEquals(200, b.api("PUT", "/api/entries/" + id, "{\"title\":\"Replaced\"}").statusCode());
            assertEquals(List.of("Replaced"), titles(connection, id), "committed before the 200");
            assertEquals(204, b.api("DELETE", "/api/entries/" + id, null).statusCode());
            assertEquals(List.of(), titles(connection, id), "committed before the 204");
        }
    }

    private FeedServer start(Map<String, String> settings) {
        FeedServer instance = FeedServer.start(directory, settings);
        instances.add(instance);
        return instance;
    }

    /** Starts {@code count} instances at the same moment, each on its own thread. */
    private void startTogether(int count, Map<String, String> settings) throws Exception {
        executor = Executors.newFixedThreadPool(count);
        List<Future<FeedServer>> starting = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            starting.add(executor.submit(() -> FeedServer.start(directory, settings)));
        }
        Exception failure = null;
        for (Future<FeedServer> instance : starting) {
            try {
                instances.add(instance.get(120, TimeUnit.SECONDS));
            } catch (Exception e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static int entriesAs(FeedServer instance, String password) {
        return instance.send(instance.request("/api/entries", "Authorization", FeedServer.basic("admin", password))
                .GET().build()).statusCode();
    }

    /**
     * The feed from both instances: the same status, validators and bytes; returns A's. Read once
     * the clock has passed the last change, so that Last-Modified is that change's own time.
     */
    private static HttpResponse<byte[]> sameOnBoth(FeedServer a, FeedServer b) {
        HttpResponse<byte[]> fromA = a.getOnceTheClockHasPassedTheChange("/feed.xml");
        HttpResponse<byte[]> fromB = b.get("/feed.xml");
        assertEquals(200, fromA.statusCode());
        assertEquals(200, fromB.statusCode());
        assertEquals(etag(fromA), etag(fromB));
        assertEquals(lastModified(fromA), lastModified(fromB));
        assertEquals(FeedServer.text(fromA), FeedServer.text(fromB));
        assertEquals(304, b.get("/feed.xml", "If-None-Match", etag(fromA)).statusCode());
        assertEquals(304, a.get("/feed.xml", "If-Modified-Since", lastModified(fromB)).statusCode());
        return fromA;
    }

    private static List<String> titles(Connection connection, long id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT title FROM entry WHERE id = ?")) {
            statement.setLong(1, id);
            try (ResultSet result = statement.executeQuery()) {
                List<String> titles = new ArrayList<>();
                while (result.next()) {
                    titles.add(result.getString(1));
                }
                return titles;
            }
        }
    }

    private static long count(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW " + setting)) {
            result.next();
            return result.getString(1);
        }
    }
}
