package org.conditionalfeed.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.conditionalfeed.testing.ExternalCommand;
import org.conditionalfeed.testing.FeedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Media served to real clients: curl's range request, and ffprobe (Debian's ffmpeg) reading an
 * MP3 that ffmpeg made, over HTTP. Each skips with a message when its tool is missing.
 */
class MediaRealClientsTest {

    @TempDir
    Path directory;

    private FeedServer server;

    @BeforeEach
    void start() {
        server = FeedServer.start(directory);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void curlGetsTheTwoByteRange() throws Exception {
        assumeTrue(run("curl", "--version").exit() == 0, "curl is not installed: apt-get install curl");
        byte[] mp3 = MediaFixtures.mp3(100);
        JsonNode media = MediaFixtures.uploaded(server, mp3, "audio/mpeg", "probe.mp3");
        Path body = directory.resolve("range.bin");
        ExternalCommand curl = run("curl", "-sS", "-r", "0-1", "-D", "-", "-o", body.toString(),
                server.uri(MediaFixtures.path(media)).toString());
        assertEquals(0, curl.exit(), curl.output());
        assertTrue(curl.output().startsWith("HTTP/1.1 206"), curl.output());
        assertTrue(curl.output().contains("Content-Range: bytes 0-1/" + mp3.length), curl.output());
        assertTrue(curl.output().contains("Content-Type: audio/mpeg"), curl.output());
        assertArrayEquals(Arrays.copyOfRange(mp3, 0, 2), Files.readAllBytes(body));
    }

    @Test
    void ffprobeReadsAnMp3OverHttp() throws Exception {
        Optional<byte[]> tone = MediaFixtures.ffmpegMp3(directory, 3);
        assumeTrue(tone.isPresent() && run("ffprobe", "-version").exit() == 0,
                "ffmpeg/ffprobe are not installed: apt-get install ffmpeg");
        JsonNode media = MediaFixtures.uploaded(server, tone.get(), "audio/mpeg", "tone.mp3");
        ExternalCommand probe = run("ffprobe", "-v", "error", "-show_entries", "format=format_name,duration:stream=codec_name",
                "-of", "default=noprint_wrappers=1", server.uri(MediaFixtures.path(media)).toString());
        assertEquals(0, probe.exit(), probe.output());
        assertTrue(probe.output().contains("codec_name=mp3"), probe.output());
        assertTrue(probe.output().contains("format_name=mp3"), probe.output());
        double duration = Double.parseDouble(probe.output().lines().filter(l -> l.startsWith("duration="))
                .findFirst().orElseThrow().substring("duration=".length()));
        assertEquals(3.0, duration, 0.2, probe.output());
    }

    private ExternalCommand run(String... command) throws IOException, InterruptedException {
        return ExternalCommand.run(directory, List.of(command));
    }
}
