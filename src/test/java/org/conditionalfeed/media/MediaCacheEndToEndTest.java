package org.conditionalfeed.media;

import static org.conditionalfeed.media.MediaFixtures.path;
import static org.conditionalfeed.media.MediaFixtures.uploaded;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.conditionalfeed.testing.FeedClient;
import org.conditionalfeed.testing.FeedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The media cache's copies, over real HTTP: made once, checked, removed, and never a reason to fail. */
class MediaCacheEndToEndTest {

    @TempDir
    Path directory;

    private FeedServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The copy of {@code media} in the default cache directory, once it is made (within 30 s). */
    static Path awaitCopy(Path directory, JsonNode media) throws InterruptedException {
        Path copy = copyOf(directory, media);
        long length = media.get("length").asLong();
        for (int i = 0; i < 300; i++) {
            if (Files.exists(copy) && size(copy) == length) {
                return copy;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no copy of " + length + " bytes at " + copy);
    }

    /** Starts the server, uploads {@code mp3}, downloads it once (from the database) and waits for its copy. */
    private JsonNode downloadedOnce(byte[] mp3, String filename) throws Exception {
        server = FeedServer.start(directory);
        JsonNode media = uploaded(server, mp3, "audio/mpeg", filename);
        HttpResponse<byte[]> first = server.get(path(media));
        assertEquals(200, first.statusCode());
        assertArrayEquals(mp3, first.body());
        assertArrayEquals(mp3, Files.readAllBytes(awaitCopy(directory, media)));
        return media;
    }

    private static Path copyOf(Path directory, JsonNode media) {
        return directory.resolve("media-cache").resolve(media.get("id").asLong() + "-" + media.get("sha256").asText());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException gone) {
            return -1;
        }
    }

    private static List<String> cacheFiles(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void firstDownloadMakesAVerifiedCopyThatLaterDownloadsAreServedFrom() throws Exception {
        byte[] mp3 = MediaFixtures.mp3(1000);
        JsonNode media = downloadedOnce(mp3, "one.mp3");
        Path copy = copyOf(directory, media);
        assertArrayEquals(mp3, Files.readAllBytes(copy));
        HttpResponse<byte[]> again = server.get(path(media));
        assertEquals(200, again.statusCode());
        assertArrayEquals(mp3, again.body());
        assertArrayEquals(Arrays.copyOfRange(mp3, 0, 2), server.get(path(media), "Range", "bytes=0-1").body());
    }

    @Test
    void deletingTheMediumRemovesItsCopyAndAnswersNotFound() throws Exception {
        JsonNode media = downloadedOnce(MediaFixtures.mp3(500), "gone.mp3");
        Path copy = copyOf(directory, media);
        HttpResponse<byte[]> deleted = server.send(server.request("/api/media/" + media.get("id").asLong(),
                "Authorization", FeedClient.basic("admin", FeedServer.ADMIN_PASSWORD)).DELETE().build());
        assertEquals(204, deleted.statusCode());
        assertFalse(Files.exists(copy), "the copy goes with the medium");
        assertEquals(404, server.get(path(media)).statusCode());
        assertEquals(404, server.get(path(media), "Range", "bytes=0-1").statusCode());
    }

    @Test
    void aTruncatedCopyIsNotServedAndIsMadeAgain() throws Exception {
        byte[] mp3 = MediaFixtures.mp3(1000);
        JsonNode media = downloadedOnce(mp3, "cut.mp3");
        Path copy = copyOf(directory, media);
        try (RandomAccessFile file = new RandomAccessFile(copy.toFile(), "rw")) {
            file.setLength(mp3.length / 2);
        }
        HttpResponse<byte[]> whole = server.get(path(media));
        assertEquals(200, whole.statusCode());
        assertArrayEquals(mp3, whole.body());
        assertArrayEquals(Arrays.copyOfRange(mp3, mp3.length - 10, mp3.length),
                server.get(path(media), "Range", "bytes=-10").body());
        assertArrayEquals(mp3, Files.readAllBytes(awaitCopy(directory, media)));
    }

    @Test
    void copiesLeftByAnEarlierRunAreRemovedAtStartAndNeverServed() throws Exception {
        byte[] mp3 = MediaFixtures.mp3(1000);
        JsonNode media = downloadedOnce(mp3, "earlier.mp3");
        Path copy = copyOf(directory, media);
        server.close();
        server = null;
        Files.write(copy, new byte[mp3.length]);
        Path cache = copy.getParent();
        Files.writeString(cache.resolve("7-" + "a".repeat(64) + ".0123456789abcdef.part"), "cut off");
        Files.writeString(cache.resolve("notes.txt"), "the operator's");
        server = FeedServer.start(directory);
        assertEquals(List.of("notes.txt"), cacheFiles(cache), "only the cache's own files are removed");
        HttpResponse<byte[]> response = server.get(path(media));
        assertEquals(200, response.statusCode());
        assertArrayEquals(mp3, response.body());
        assertArrayEquals(mp3, Files.readAllBytes(awaitCopy(directory, media)));
    }

    @Test
    void anUnusableCacheDirectoryServesFromTheDatabase() throws Exception {
        Path notADirectory = Files.writeString(directory.resolve("plain-file"), "x");
        server = FeedServer.start(directory, Map.of("FEED_MEDIA_CACHE_DIR", notADirectory.resolve("cache").toString()));
        byte[] mp3 = MediaFixtures.mp3(1000);
        JsonNode media = uploaded(server, mp3, "audio/mpeg", "nowhere.mp3");
        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> response = server.get(path(media));
            assertEquals(200, response.statusCode());
            assertArrayEquals(mp3, response.body());
        }
        HttpResponse<byte[]> probe = server.get(path(media), "Range", "bytes=0-1");
        assertEquals(206, probe.statusCode());
        assertArrayEquals(Arrays.copyOfRange(mp3, 0, 2), probe.body());
    }

    @Test
    void aFileLargerThanTheCacheIsServedFromTheDatabaseWithoutCopy() throws Exception {
        server = FeedServer.start(directory, Map.of("FEED_MEDIA_CACHE_MAX_BYTES", "100000"));
        byte[] mp3 = MediaFixtures.mp3(1000);
        JsonNode media = uploaded(server, mp3, "audio/mpeg", "large.mp3");
        assertArrayEquals(mp3, server.get(path(media)).body());
        Thread.sleep(1000);
        assertArrayEquals(mp3, server.get(path(media)).body());
        assertEquals(List.of(), cacheFiles(directory.resolve("media-cache")));
    }

    @Test
    void concurrentFirstDownloadsAllGetTheBytesAndMakeOneCopy() throws Exception {
        server = FeedServer.start(directory);
        byte[] mp3 = MediaFixtures.mp3(3000);
        JsonNode media = uploaded(server, mp3, "audio/mpeg", "popular.mp3");
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<byte[]>>> downloads = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            downloads.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return server.send(server.request(path(media)).GET().build());
            }));
        }
        start.countDown();
        for (CompletableFuture<HttpResponse<byte[]>> download : downloads) {
            HttpResponse<byte[]> response = download.join();
            assertEquals(200, response.statusCode());
            assertArrayEquals(mp3, response.body());
        }
        Path copy = awaitCopy(directory, media);
        assertArrayEquals(mp3, Files.readAllBytes(copy));
        assertEquals(List.of(copy.getFileName().toString()), cacheFiles(copy.getParent()));
    }

    @Test
    void headRequestsAndProbesOfACopiedMediumKeepTheirHeaders() throws Exception {
        byte[] mp3 = MediaFixtures.mp3(1000);
        JsonNode media = downloadedOnce(mp3, "probe.mp3");
        HttpResponse<byte[]> head = server.send(server.request(path(media)).method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(Long.toString(mp3.length), head.headers().firstValue("Content-Length").orElseThrow());
        assertEquals(0, head.body().length);
        HttpResponse<byte[]> probe = server.get(path(media), "Range", "bytes=0-1");
        assertEquals(206, probe.statusCode());
        assertEquals("bytes 0-1/" + mp3.length, probe.headers().firstValue("Content-Range").orElseThrow());
        assertEquals("audio/mpeg", probe.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(Files.exists(copyOf(directory, media)));
    }
}
