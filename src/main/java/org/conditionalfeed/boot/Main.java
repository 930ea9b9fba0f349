package org.conditionalfeed.boot;

import java.time.Clock;
import org.conditionalfeed.config.Settings;
import org.conditionalfeed.config.SettingsException;
import org.conditionalfeed.config.SettingsLoader;

/**
 * Runs the embedded server: {@code java -jar target/conditional-feed.jar}. Settings: {@code FEED_*}
 * environment variables or {@code -D} system properties. An {@link OutOfMemoryError} in any thread
 * halts the process with a non-zero status ({@link FatalErrorHandler}).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Logging.configure();
        FatalErrorHandler.install(Logging::flushHandlers);
        try {
            Settings settings = SettingsLoader.load(System.getenv(), System.getProperties());
            EmbeddedServer server = EmbeddedServer.start(settings, "0.0.0.0", Clock.systemUTC());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> { server.stop(); Logging.flush(); }, "shutdown"));
        } catch (SettingsException | EmbeddedServer.StartupException e) {
            Logging.flush();
            System.err.println("conditional-feed: " + e.getMessage());
            System.exit(1);
        }
    }
}
