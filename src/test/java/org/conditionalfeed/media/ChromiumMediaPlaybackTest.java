package org.conditionalfeed.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.conditionalfeed.testing.AccessLog;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.HeadlessChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Chromium playing an MP3 from the media library and seeking in it. Opened at its URL, an
 * {@code audio/mpeg} file gets Chromium's own media player page, whose media element loads the
 * file with {@code Range} requests (the browser's cache is off, or it would answer them from the
 * copy the page's own request left there); the test plays it, seeks to 15 s, waits for
 * {@code seeked} and for playback to go on from there, and reads the server's access log for
 * the {@code 206}s the browser got.
 *
 * <p>Needs Debian's {@code chromium}, {@code chromium-driver} and {@code ffmpeg} (for a real
 * 20-second MP3); skips when one is missing.
 */
@Tag("chromium")
class ChromiumMediaPlaybackTest {

    /** Plays the page's media element, seeks to 15 s and reports once playback passed that point. */
    private static final String PLAY_AND_SEEK = String.join("\n",
            "const done = arguments[arguments.length - 1];",
            "const media = document.querySelector('video, audio');",
            "if (!media) { done({error: 'no media element'}); return; }",
            "media.addEventListener('error', () => done({error: 'media error ' + media.error.code}));",
            "const seekAndPlay = () => media.play().then(() => {",
            "  media.addEventListener('seeked', () => {",
            "    const seekedAt = media.currentTime;",
            "    const progressed = () => {",
            "      if (media.currentTime > seekedAt + 0.2) {",
            "        done({duration: media.duration, seekedAt: seekedAt, playingAt: media.currentTime,",
            "              paused: media.paused});",
            "      } else { setTimeout(progressed, 50); }",
            "    };",
            "    progressed();",
            "  }, {once: true});",
            "  media.currentTime = 15;",
            "}).catch(e => done({error: 'play() failed: ' + e}));",
            "if (media.readyState >= 1) { seekAndPlay(); }",
            "else { media.addEventListener('loadedmetadata', seekAndPlay, {once: true}); }");

    @TempDir
    Path directory;
    private FeedServer server;
    private AccessLog accessLog;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        HeadlessChromium.assumeInstalled();
        server = FeedServer.start(directory.resolve("db"));
        accessLog = AccessLog.capture();
        ChromeOptions options = HeadlessChromium.options(directory.resolve("chromium-profile"))
                .addArguments("--autoplay-policy=no-user-gesture-required", "--mute-audio");
        browser = HeadlessChromium.start(options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() throws Exception {
        HeadlessChromium.quitThenClose(browser, accessLog, server);
    }

    @Test
    void chromiumPlaysAnMp3AndSeeksInItWithRanges() throws Exception {
        Optional<byte[]> mp3 = MediaFixtures.ffmpegMp3(directory, 20);
        assumeTrue(mp3.isPresent(), "ffmpeg is not installed: apt-get install ffmpeg");
        JsonNode media = MediaFixtures.uploaded(server, mp3.get(), "audio/mpeg", "episode.mp3");
        String path = MediaFixtures.path(media);

        // The URL is immutable, so Chromium would answer its player's requests from its cache.
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
        browser.get(server.uri(path).toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> played = (Map<String, Object>) browser.executeAsyncScript(PLAY_AND_SEEK);

        assertFalse(played.containsKey("error"), played.toString());
        assertEquals(20.0, ((Number) played.get("duration")).doubleValue(), 0.5, played.toString());
        assertEquals(15.0, ((Number) played.get("seekedAt")).doubleValue(), 0.5, played.toString());
        assertTrue(((Number) played.get("playingAt")).doubleValue() > 15.0, "playing on after the seek: " + played);
        assertEquals(Boolean.FALSE, played.get("paused"), played.toString());
        List<AccessLog.Request> partial = accessLog.await(request -> request.target().equals(path)
                && request.status() == 206 && request.userAgent().startsWith("Mozilla/5.0"), 1);
        assertFalse(partial.isEmpty(), "Chromium's media player asked with Range: " + accessLog.requests());
        assertTrue(accessLog.requests(request -> request.target().equals(path)).stream()
                .allMatch(request -> request.status() == 206 || request.status() == 200 || request.status() == 304),
                "no refusal: " + accessLog.requests());
    }
}
