package org.conditionalfeed.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.conditionalfeed.testing.ExternalCommand;
import org.conditionalfeed.testing.FeedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feed with an enclosure read by real feed software: Python's feedparser (Debian's
 * {@code python3-feedparser}) finds the enclosure's URL, length and type, and the W3C Feed
 * Validation Service's own code, run offline by {@code validate-feed} (found through the
 * {@code FEED_VALIDATOR} variable or in {@code ../shared/tools/} beside the checkout), raises
 * nothing about it. Each skips with a message when its tool is missing.
 */
class EnclosureFeedClientsTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path directory;
    private FeedServer server;
    private byte[] mp3;
    private JsonNode media;

    @BeforeEach
    void start() {
        server = FeedServer.start(directory.resolve("db"));
        mp3 = MediaFixtures.mp3(300);
        media = MediaFixtures.uploaded(server, mp3, "audio/mpeg", "episode-3.mp3");
        server.createEntry("{\"title\":\"Episode 3\",\"content\":\"<p>Listen.</p>\",\"enclosure\":"
                + media.get("id").asLong() + "}");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void feedparserReadsTheEnclosure() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON) && run(PYTHON.toString(), "-c", "import feedparser").exit() == 0,
                "Python feedparser is not installed: apt-get install python3-feedparser");
        ExternalCommand parsed = run(PYTHON.toString(), "-c", String.join("\n",
                "import feedparser, sys",
                "d = feedparser.parse(sys.argv[1])",
                "e = d.entries[0]",
                "print(d.status, int(d.bozo), len(e.enclosures))",
                "print(e.enclosures[0].href)",
                "print(e.enclosures[0].length)",
                "print(e.enclosures[0].type)"), server.uri("/feed.xml").toString());
        assertEquals(List.of("200 0 1", media.get("url").asText(), Integer.toString(mp3.length), "audio/mpeg"),
                parsed.lines(), parsed.output());
    }

    @Test
    void theW3cFeedValidatorRaisesNothingAboutTheEnclosure() throws Exception {
        Optional<Path> validator = validator();
        assumeTrue(validator.isPresent(), "validate-feed not found: set FEED_VALIDATOR to its path");
        Path feed = directory.resolve("feed.xml");
        byte[] body = server.get("/feed.xml").body();
        assertTrue(new String(body, java.nio.charset.StandardCharsets.UTF_8).contains("<enclosure "));
        Files.write(feed, body);
        // Its Python environment lives in the user's cache, not in the test's home directory.
        Path environment = Path.of(System.getProperty("user.home"), ".cache", "feedvalidator-venv");
        ExternalCommand validated = run("env", "FEEDVALIDATOR_VENV=" + environment, validator.get().toString(),
                feed.toString());
        assumeTrue(validated.exit() == 0 || validated.exit() == 1, "validate-feed could not run: " + validated.output());
        // Only what concerns the enclosure is judged here: the validator's other remarks (on the
        // channel's own elements) are not what this feature changes.
        List<String> aboutEnclosures = validated.lines().stream()
                .filter(line -> line.toLowerCase(Locale.ROOT).contains("enclosure")).toList();
        assertEquals(List.of(), aboutEnclosures, validated.output());
    }

    private static Optional<Path> validator() {
        String named = System.getenv("FEED_VALIDATOR");
        Stream<Path> candidates = named != null && !named.isEmpty() ? Stream.of(Path.of(named))
                : Stream.of(Path.of("../shared/tools/validate-feed"), Path.of("../../shared/tools/validate-feed"));
        return candidates.map(Path::toAbsolutePath).filter(Files::isExecutable).findFirst();
    }

    private ExternalCommand run(String... command) throws Exception {
        return ExternalCommand.run(directory, List.of(command));
    }
}
