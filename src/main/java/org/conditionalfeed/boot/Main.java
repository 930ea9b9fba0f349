package org.conditionalfeed.boot;

import java.time.Clock;
import org.conditionalfeed.config.SettingsException;
import org.conditionalfeed.config.SettingsLoader;

/** Runs the embedded server: {@code java -jar target/conditional-feed.jar}. Settings: {@code FEED_*}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Logging.configure();
        try {
            EmbeddedServer server = EmbeddedServer.start(SettingsLoader.load(System.getenv()), "0.0.0.0", Clock.systemUTC());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> { server.stop(); Logging.flush(); }, "shutdown"));
        } catch (SettingsException | EmbeddedServer.StartupException e) {
            Logging.flush();
            System.err.println("conditional-feed: " + e.getMessage());
            System.exit(1);
        }
    }
}
