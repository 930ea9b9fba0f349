package org.conditionalfeed.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Media stream through the launcher with a heap smaller than the file: a 200 MB upload at
 * {@code -Xmx128m} is stored and served back byte for byte, and a download cut off midway costs
 * one log line. The media cache is off here, so that every byte streams out of the database (a
 * copy in the cache is sent by Tomcat's sendfile, see {@code MediaCacheEndToEndTest}).
 */
class MediaMemoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SIZE = 200L * 1024 * 1024;
    private static final int FRAME = 417;

    @TempDir
    Path directory;

    @RegisterExtension
    final ChildJvms children = new ChildJvms();

    @Test
    void uploadAndDownloadLargerThanTheHeap() throws Exception {
        ChildJvm child = children.launch(directory, "media", Map.of("FEED_MEDIA_CACHE_MAX_BYTES", "0"), "128m");
        int port = child.awaitListening();
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        HttpRequest upload = child.request("/api/media")
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "audio/mpeg")
                .header("Content-Disposition", "attachment; filename=\"long-episode.mp3\"")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new Mp3Frames(SIZE, sent)), SIZE))
                .build();
        HttpResponse<String> created = child.send(upload);
        assertEquals(201, created.statusCode(), created::body);
        JsonNode media = JSON.readTree(created.body());
        assertEquals(SIZE, media.get("length").asLong());
        assertEquals(HexFormat.of().formatHex(sent.digest()), media.get("sha256").asText());

        String path = URI.create(media.get("url").asText()).getRawPath();
        HttpResponse<InputStream> download = HttpClient.newHttpClient().send(child.request(path).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, download.statusCode());
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        long length = 0;
        try (InputStream body = download.body()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = body.read(buffer)) > 0; length += n) {
                received.update(buffer, 0, n);
            }
        }
        assertEquals(SIZE, length);
        assertEquals(media.get("sha256").asText(), HexFormat.of().formatHex(received.digest()));

        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.getInputStream().readNBytes(1024 * 1024);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!child.log().contains("Client left") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(1, child.stderrLines().stream().filter(line -> line.contains("Client left")).count(), child::log);
        assertFalse(child.log().contains("\tat "), () -> "a stack trace in the log:\n" + child.log());
        assertFalse(child.log().contains("OutOfMemoryError"), child::log);
        assertTrue(child.process().isAlive(), child::output);
    }

    /** MP3 frame headers every 417 bytes, {@code size} bytes in all, digested as they are read. */
    private static final class Mp3Frames extends InputStream {

        private final long size;
        private final MessageDigest digest;
        private long position;

        Mp3Frames(long size, MessageDigest digest) {
            this.size = size;
            this.digest = digest;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(length, size - position);
            for (int i = 0; i < n; i++) {
                long at = position + i;
                int inFrame = (int) (at % FRAME);
                buffer[offset + i] = switch (inFrame) {
                    case 0 -> (byte) 0xFF;
                    case 1 -> (byte) 0xFB;
                    case 2 -> (byte) 0x90;
                    case 3 -> (byte) 0x64;
                    default -> (byte) (at / FRAME);
                };
            }
            digest.update(buffer, offset, n);
            position += n;
            return n;
        }
    }
}
