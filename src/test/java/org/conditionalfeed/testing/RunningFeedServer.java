package org.conditionalfeed.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link FeedServer} started before each test and stopped after it, on an H2 file database in a
 * directory of its own that is deleted afterwards; register it on a field with
 * {@code @RegisterExtension}:
 *
 * <pre>{@code @RegisterExtension
 * final RunningFeedServer running = RunningFeedServer.with(Map.of("FEED_LANGUAGE", "de-CH"));}</pre>
 *
 * <p>Not thread-safe: one test at a time.
 */
public final class RunningFeedServer implements BeforeEachCallback, AfterEachCallback {

    private final Map<String, String> settings;
    private Path directory;
    private FeedServer server;

    private RunningFeedServer(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    /** A server with these settings on top of {@link FeedServer}'s test defaults. */
    public static RunningFeedServer with(Map<String, String> settings) {
        return new RunningFeedServer(settings);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        directory = Files.createTempDirectory("feed-server-");
        server = FeedServer.start(directory.resolve("db"), settings);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
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
