package org.conditionalfeed.boot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The launcher child JVMs of one test; each is killed after the test, whatever its outcome.
 * Register with {@code @RegisterExtension}.
 *
 * <p>Not thread-safe: launch from the test's thread.
 */
final class ChildJvms implements AfterEachCallback {

    private final List<ChildJvm> children = new ArrayList<>();

    /** Settings for a launcher on a free port with its H2 database in {@code directory}. */
    static Map<String, String> serverSettings(Path directory) {
        return Map.of(
                "FEED_PORT", "0",
                "FEED_DB_URL", "jdbc:h2:file:" + directory.resolve("feed"),
                "FEED_BASE_URL", "http://feed.test",
                "FEED_ADMIN_PASSWORD", ChildJvm.ADMIN_PASSWORD);
    }

    /** Launches the launcher with {@link #serverSettings} overridden by {@code overrides}; does not wait. */
    ChildJvm launch(Path directory, String name, Map<String, String> overrides) throws IOException {
        return launch(directory, name, overrides, List.of(), Main.class.getName());
    }

    /** As {@link #launch(Path, String, Map)}, with the given maximum heap, e.g. {@code 128m}. */
    ChildJvm launch(Path directory, String name, Map<String, String> overrides, String maxHeap) throws IOException {
        return launch(directory, name, overrides, List.of("-Xmx" + maxHeap), Main.class.getName());
    }

    /** As {@link #launch(Path, String, Map)}, with more JVM options (placed after the defaults, so e.g. {@code -Xmx128m} wins). */
    ChildJvm launch(Path directory, String name, Map<String, String> overrides, List<String> jvmOptions)
            throws IOException {
        return launch(directory, name, overrides, jvmOptions, Main.class.getName());
    }

    /** Launches {@code mainClass} with {@link #serverSettings} and more JVM options; does not wait. */
    ChildJvm launch(Path directory, String name, Map<String, String> overrides, List<String> jvmOptions,
            String mainClass) throws IOException {
        Map<String, String> settings = new HashMap<>(serverSettings(directory));
        settings.putAll(overrides);
        ChildJvm child = ChildJvm.launch(directory, name, settings, jvmOptions, mainClass);
        children.add(child);
        return child;
    }

    /** Launches a server with {@link #serverSettings} and waits until it listens. */
    ChildJvm start(Path directory, String name) throws Exception {
        ChildJvm child = launch(directory, name, Map.of());
        child.awaitListening();
        return child;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (ChildJvm child : children) {
            child.close();
        }
        children.clear();
    }
}
