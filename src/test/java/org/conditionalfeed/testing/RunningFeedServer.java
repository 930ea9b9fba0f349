package org.conditionalfeed.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link FeedServer} on an H2 file database in a directory of its own that is deleted
 * afterwards; register it with {@code @RegisterExtension}. On an instance field it is started
 * before each test and stopped after it; on a static field, once for the class:
 *
 * <pre>{@code @RegisterExtension
 * final RunningFeedServer running = RunningFeedServer.with(Map.of("FEED_LANGUAGE", "de-CH"));}</pre>
 *
 * <p>Not thread-safe: one test at a time.
 */
public final class RunningFeedServer implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    private final Map<String, String> settings;
    /** Whether it serves a whole class (registered on a static field). */
    private boolean perClass;
    private Path directory;
    private FeedServer server;

    private RunningFeedServer(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    /** A server with these settings on top of {@link FeedServer}'s test defaults. */
    public static RunningFeedServer with(Map<String, String> settings) {
        return new RunningFeedServer(settings);
    }

    /** Called only for a static field: one server for all the class's tests. */
    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        perClass = true;
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (!perClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    private void start() throws IOException {
        directory = Files.createTempDirectory("feed-server-");
        server = FeedServer.start(directory.resolve("db"), settings);
    }

    private void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (directory != null) {
                try (Stream<Path> paths = Files.walk(directory)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** The running server. */
    public FeedServer server() {
        return server;
    }

    /** A directory of the test's own, beside the database, for the files a test makes. */
    public Path directory() {
        return directory;
    }
}
