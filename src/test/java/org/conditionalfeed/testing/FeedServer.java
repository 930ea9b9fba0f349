package org.conditionalfeed.testing;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.conditionalfeed.boot.EmbeddedServer;
import org.conditionalfeed.config.SettingsLoader;

/**
 * The real application on a real embedded Tomcat, for end-to-end tests: port 0 on 127.0.0.1, an
 * H2 file database in the given directory unless the settings name another ({@code FEED_DB_URL},
 * e.g. from {@link PostgresServer}), started through the same {@link EmbeddedServer} that
 * {@code main} uses, spoken to with {@link HttpClient}. Stop it in teardown.
 */
public final class FeedServer extends FeedClient implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "correct horse battery staple";
    public static final String BASE_URL = "https://blog.example.org/news";

    private final EmbeddedServer server;

    private FeedServer(EmbeddedServer server) {
        super("http://127.0.0.1:" + server.port(), ADMIN_PASSWORD);
        this.server = server;
    }

    /** Starts with the database in {@code directory} and these settings on top of the test defaults. */
    public static FeedServer start(Path directory, Map<String, String> settings) {
        return start(directory, settings, Clock.systemUTC());
    }

    /** As {@link #start(Path, Map)}, with the server's clock, e.g. a {@link TestClock}. */
    public static FeedServer start(Path directory, Map<String, String> settings, Clock clock) {
        Map<String, String> env = new HashMap<>();
        env.put("FEED_PORT", "0");
        env.put("FEED_DB_URL", "jdbc:h2:file:" + directory.resolve("feed").toAbsolutePath());
        env.put("FEED_BASE_URL", BASE_URL);
        env.put("FEED_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.putAll(settings);
        return new FeedServer(EmbeddedServer.start(SettingsLoader.load(env), "127.0.0.1", clock));
    }

    public static FeedServer start(Path directory) {
        return start(directory, Map.of());
    }

    @Override
    public void close() {
        server.stop();
    }
}
