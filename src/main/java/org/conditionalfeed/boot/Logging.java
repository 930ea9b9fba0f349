package org.conditionalfeed.boot;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Logging set-up for the embedded launcher: every logger (the application's through SLF4J,
 * Tomcat's, Hikari's, Flyway's) writes one line per record to standard error.
 *
 * <p>The JDK's log manager closes every handler in a shutdown hook of its own, racing the hook
 * that drains requests; {@link DrainFriendlyLogManager} keeps the handlers open until the
 * launcher's hook has logged the drain and calls {@link #flush()}.
 */
final class Logging {

    private static final long FLUSH_MILLIS = 250;

    private Logging() {
    }

    static void configure() {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", DrainFriendlyLogManager.class.getName());
        }
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        StderrHandler stderr = new StderrHandler(new LogFormat());
        root.addHandler(stderr);
        Thread flusher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(FLUSH_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                stderr.flush();
            }
        }, "log-flush");
        flusher.setDaemon(true);
        flusher.start();
        root.setLevel(Level.INFO);
    }

    static void flush() {
        flushHandlers();
        if (LogManager.getLogManager() instanceof DrainFriendlyLogManager manager) {
            manager.resetNow();
        }
    }

    /** Writes out what the handlers buffer, leaving them open. */
    static void flushHandlers() {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.flush();
        }
    }

    /** A log manager whose shutdown-time reset waits for {@link #resetNow()}. */
    public static final class DrainFriendlyLogManager extends LogManager {

        private volatile boolean configured;

        @Override
        public void readConfiguration() throws java.io.IOException {
            super.readConfiguration();
            configured = true;
        }

        @Override
        public void reset() {
            if (!configured) {
                super.reset();
            }
        }

        void resetNow() {
            super.reset();
        }
    }
}
