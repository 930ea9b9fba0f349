package org.conditionalfeed.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.conditionalfeed.testing.AccessLog;
import org.conditionalfeed.testing.ExternalCommand;
import org.conditionalfeed.testing.FeedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GNU Wget resuming a download that was cut off: a slow download is killed midway, then
 * {@code wget -c} asks for the rest with {@code Range: bytes=<size>-}, gets {@code 206} and
 * appends it; the file is then byte for byte the medium (same SHA-256). Needs Debian's
 * {@code wget} (and {@code ffmpeg} for a real MP3; without it a synthetic one is used); skips
 * without wget.
 */
class WgetResumeTest {

    @TempDir
    Path directory;
    private FeedServer server;
    private AccessLog accessLog;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(ExternalCommand.run(directory, List.of("wget", "--version")).exit() == 0,
                "wget is not installed: apt-get install wget");
        server = FeedServer.start(directory.resolve("db"));
        accessLog = AccessLog.capture();
    }

    @AfterEach
    void stop() {
        if (accessLog != null) {
            accessLog.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void wgetContinuesACutOffDownloadToTheExactBytes() throws Exception {
        // Over one 256 KiB chunk, so the rest starts inside a chunk and runs across the next.
        byte[] mp3 = MediaFixtures.ffmpegMp3(directory, 60).orElseGet(() -> MediaFixtures.mp3(1500));
        assertTrue(mp3.length > MediaStore.CHUNK_SIZE + 1000, "the file spans chunks: " + mp3.length);
        JsonNode media = MediaFixtures.uploaded(server, mp3, "audio/mpeg", "episode.mp3");
        String url = server.uri(MediaFixtures.path(media)).toString();
        Path downloads = Files.createDirectories(directory.resolve("downloads"));
        Path file = downloads.resolve("episode.mp3");

        Process slow = new ProcessBuilder("wget", "-q", "--limit-rate=32k", "-P", downloads.toString(), url)
                .redirectErrorStream(true).redirectOutput(directory.resolve("wget-cut.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((!Files.exists(file) || Files.size(file) < 40_000) && System.nanoTime() < deadline && slow.isAlive()) {
            Thread.sleep(20);
        }
        slow.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        long cutAt = Files.size(file);
        assertTrue(cutAt >= 40_000 && cutAt < mp3.length, "a partial file was left: " + cutAt + " of " + mp3.length);

        ExternalCommand resumed = ExternalCommand.run(directory, List.of("wget", "-c", "-P", downloads.toString(), url));
        assertEquals(0, resumed.exit(), resumed.output());
        assertTrue(resumed.output().contains("awaiting response... 206"), resumed.output());
        assertTrue(resumed.output().contains((mp3.length - cutAt) + " (") && resumed.output().contains("remaining"),
                "wget asked for the rest only: " + resumed.output());
        assertEquals(sha256(mp3), sha256(Files.readAllBytes(file)), "the resumed file is the medium, byte for byte");
        List<AccessLog.Request> wget = accessLog.await(AccessLog.get(MediaFixtures.path(media), "Wget"), 2);
        assertEquals(2, wget.size(), wget.toString());
        assertEquals(206, wget.get(1).status(), "the resumed request is answered with the rest: " + wget);
        assertFalse(resumed.output().contains("416"), resumed.output());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
