package org.conditionalfeed.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A {@link FeedServer} whose {@code FEED_BASE_URL} is its own address (so the absolute links of
 * its pages and feeds reach it), its access log captured, and a fresh headless Chromium
 * ({@link HeadlessChromium}), for each test; all stopped and removed afterwards. The test is
 * skipped, saying what to install, where Chromium is missing. Register it with
 * {@code @RegisterExtension}. Not thread-safe: one test at a time.
 */
public final class BrowsedSite implements BeforeEachCallback, AfterEachCallback {

    private Path directory;
    private FeedServer server;
    private AccessLog accessLog;
    private ChromeDriver browser;
    private String base;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        HeadlessChromium.assumeInstalled();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        directory = Files.createTempDirectory("browsed-site-");
        server = FeedServer.start(directory.resolve("db"), Map.of("FEED_PORT", Integer.toString(port),
                "FEED_BASE_URL", base));
        accessLog = AccessLog.capture();
        browser = HeadlessChromium.start(HeadlessChromium.options(directory.resolve("chromium-profile")));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            HeadlessChromium.quitThenClose(browser, server, accessLog);
        } finally {
            if (directory != null) {
                try (Stream<Path> paths = Files.walk(directory)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        }
    }

    public FeedServer server() {
        return server;
    }

    public AccessLog accessLog() {
        return accessLog;
    }

    public ChromeDriver browser() {
        return browser;
    }

    /** The server's address, which is also its {@code FEED_BASE_URL}: {@code http://127.0.0.1:port}. */
    public String base() {
        return base;
    }
}
