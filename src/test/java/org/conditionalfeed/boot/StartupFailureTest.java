package org.conditionalfeed.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher refuses to start with a non-zero exit and a one-line reason as the last line of
 * standard error ({@code conditional-feed: …}), never a stack trace, and never hangs.
 */
class StartupFailureTest {

    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);
    private static final String PREFIX = "conditional-feed: ";

    @TempDir
    Path directory;

    @RegisterExtension
    final ChildJvms children = new ChildJvms();

    @Test
    void takenPortStopsStartupNamingThePort() throws Exception {
        try (ServerSocket occupant = new ServerSocket()) {
            occupant.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
            String port = String.valueOf(occupant.getLocalPort());
            String reason = refusalOf(Map.of("FEED_PORT", port));
            assertTrue(reason.contains(port) && reason.contains("FEED_PORT"),
                    () -> "the reason does not name port " + port + " and FEED_PORT: " + reason);
        }
    }

    @Test
    void nonNumericPortStopsStartupNamingFeedPort() throws Exception {
        String reason = refusalOf(Map.of("FEED_PORT", "abc"));
        assertTrue(reason.contains("FEED_PORT"), reason);
    }

    @Test
    void zeroMaxItemsStopsStartupNamingFeedMaxItems() throws Exception {
        String reason = refusalOf(Map.of("FEED_MAX_ITEMS", "0"));
        assertTrue(reason.contains("FEED_MAX_ITEMS"), reason);
    }

    @Test
    void ftpBaseUrlStopsStartupNamingFeedBaseUrl() throws Exception {
        String reason = refusalOf(Map.of("FEED_BASE_URL", "ftp://x"));
        assertTrue(reason.contains("FEED_BASE_URL"), reason);
    }

    @Test
    void unreachableDatabaseStopsStartupNamingTheDatabase() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:1/nothing";
        String reason = refusalOf(Map.of("FEED_DB_URL", url));
        assertTrue(reason.contains("FEED_DB_URL") || reason.contains(url),
                () -> "the reason names neither FEED_DB_URL nor " + url + ": " + reason);
    }

    @Test
    void unwritableH2PathStopsStartupInOneLineWithoutStackTraces() throws Exception {
        String url = "jdbc:h2:file:/proc/nope/feed";
        ChildJvm child = children.launch(directory, "launcher", Map.of("FEED_DB_URL", url));
        String reason = refusalOf(child);
        assertTrue(reason.contains(url) && reason.contains("/proc/nope"), reason);
        List<String> stackFrames = child.output().lines()
                .filter(line -> line.startsWith("\tat ") || line.startsWith("Caused by:") || line.contains("Exception:"))
                .toList();
        assertEquals(List.of(), stackFrames, child::output);
    }

    @Test
    void passwordInTheDatabaseUrlIsNeverPrinted() throws Exception {
        String secret = "url-s3cret-" + System.nanoTime();
        String url = "jdbc:postgresql://127.0.0.1:1/nothing?user=feed&password=" + secret + "&ssl=false";
        ChildJvm child = children.launch(directory, "launcher", Map.of("FEED_DB_URL", url));
        String reason = refusalOf(child);
        assertTrue(reason.contains("password=***"), reason);
        assertFalse(child.output().contains(secret), child::output);
    }

    /**
     * Starts the launcher with valid settings overridden by {@code overrides}, expects it to exit
     * non-zero with a one-line reason, and returns that line.
     */
    private String refusalOf(Map<String, String> overrides) throws Exception {
        return refusalOf(children.launch(directory, "launcher", overrides));
    }

    private String refusalOf(ChildJvm child) throws Exception {
        int exit = child.awaitExit(EXIT_TIMEOUT);
        assertNotEquals(0, exit, child::output);
        assertFalse(child.log().contains("Listening on"), child::output);
        List<String> lines = child.stderrLines();
        assertFalse(lines.isEmpty(), child::output);
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith(PREFIX), () -> "last line of stderr is not the reason:\n" + child.output());
        assertTrue(last.length() > PREFIX.length(), child::output);
        assertFalse(last.contains("\tat ") || last.contains("Exception in thread"), child::output);
        List<String> parts = List.of(last.split(": "));
        assertEquals(parts.size(), Set.copyOf(parts).size(), () -> "the reason repeats itself: " + last);
        return last;
    }
}
