package org.conditionalfeed.media;

import static org.conditionalfeed.media.MediaFixtures.json;
import static org.conditionalfeed.media.MediaFixtures.upload;
import static org.conditionalfeed.media.MediaFixtures.uploaded;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.conditionalfeed.testing.FeedClient;
import org.conditionalfeed.testing.FeedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Uploads through {@code /api/media}, taken and refused, over real HTTP. */
class MediaUploadEndToEndTest {

    @TempDir
    Path directory;

    private FeedServer server;

    private FeedServer start(Map<String, String> settings) {
        server = FeedServer.start(directory, settings);
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void storesRealFilesOfEachKindWithTheirMetadata() throws Exception {
        start(Map.of());
        byte[] png = MediaFixtures.image("png", 40, 30);
        JsonNode image = uploaded(server, png, "image/png", "chart.png");
        assertEquals("image/png", image.get("type").asText());
        assertEquals(40, image.get("width").asInt());
        assertEquals(30, image.get("height").asInt());
        assertEquals(png.length, image.get("length").asLong());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png)),
                image.get("sha256").asText());
        assertEquals("chart.png", image.get("filename").asText());
        assertTrue(image.get("url").asText().matches("https://blog\\.example\\.org/news/media/[0-9a-f]{16}/\\d+/chart\\.png"),
                image.get("url").asText());

        JsonNode photo = uploaded(server, MediaFixtures.image("jpeg", 64, 48), "image/jpeg", "photo.jpg");
        assertEquals(64, photo.get("width").asInt());
        JsonNode episode = uploaded(server, MediaFixtures.mp3(10), "audio/mp3", "episode.mp3");
        assertEquals("audio/mpeg", episode.get("type").asText());
        assertFalse(episode.has("width"));
        JsonNode paper = uploaded(server, MediaFixtures.pdf(), "application/pdf", "paper.pdf");
        assertEquals("application/pdf", paper.get("type").asText());

        HttpResponse<byte[]> one = server.api("GET", "/api/media/" + image.get("id").asLong(), null);
        assertEquals(200, one.statusCode());
        assertEquals(image, json(one));
        JsonNode list = json(server.api("GET", "/api/media?limit=3", null));
        assertEquals(3, list.size());
        assertEquals(paper.get("id"), list.get(0).get("id"), "newest first");
        assertEquals(400, server.api("GET", "/api/media?limit=101", null).statusCode());
        assertArrayEquals(png, server.get(MediaFixtures.path(image)).body());
    }

    @Test
    void answersCreatedWithLocation() {
        start(Map.of());
        HttpResponse<byte[]> response = upload(server, MediaFixtures.pdf(), "application/pdf",
                "attachment; filename=\"a.pdf\"");
        assertEquals(201, response.statusCode());
        assertEquals("/api/media/" + json(response).get("id").asLong(), response.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void deletesAndThenNoLongerServes() {
        start(Map.of());
        JsonNode media = uploaded(server, MediaFixtures.pdf(), "application/pdf", "gone.pdf");
        String id = media.get("id").asText();
        assertEquals(204, server.api("DELETE", "/api/media/" + id, null).statusCode());
        assertEquals(404, server.api("GET", "/api/media/" + id, null).statusCode());
        assertEquals(404, server.api("DELETE", "/api/media/" + id, null).statusCode());
        assertEquals(404, server.get(MediaFixtures.path(media)).statusCode());
        assertArrayEquals(new long[] {0, 0}, MediaFixtures.rowCounts(directory));
    }

    @Test
    void refusesHtmlRenamedPngAndSvg() {
        start(Map.of());
        byte[] html = "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8);
        assertRefused(415, upload(server, html, "image/png", "attachment; filename=\"cat.png\""));
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8);
        assertRefused(415, upload(server, svg, "image/svg+xml", "attachment; filename=\"logo.svg\""));
        assertRefused(415, upload(server, MediaFixtures.image("png", 4, 4), "audio/mpeg",
                "attachment; filename=\"song.mp3\""));
        assertRefused(415, upload(server, MediaFixtures.pdf(), null, "attachment; filename=\"a.pdf\""));
        assertEquals(0, json(server.api("GET", "/api/media", null)).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "attachment", "attachment; filename=\"../../etc/passwd\"",
        "attachment; filename=\"a/b.pdf\"", "attachment; filename*=UTF-8''a%0Ab.pdf", "attachment; filename=\"..\""})
    void refusesMissingOrUnsafeNames(String disposition) {
        start(Map.of());
        assertRefused(400, upload(server, MediaFixtures.pdf(), "application/pdf",
                disposition.isEmpty() ? null : disposition));
    }

    @Test
    void refusesEmptyBody() {
        start(Map.of());
        assertRefused(400, upload(server, new byte[0], "application/pdf", "attachment; filename=\"a.pdf\""));
    }

    @Test
    void refusesFilesOverTheLimitByLengthAndWhileStreaming() throws Exception {
        start(Map.of("FEED_MEDIA_MAX_BYTES", "5000"));
        byte[] mp3 = MediaFixtures.mp3(20);
        assertRefused(413, upload(server, mp3, "audio/mpeg", "attachment; filename=\"big.mp3\""));
        HttpRequest chunked = server.request("/api/media", "Authorization", FeedClient.basic("admin",
                        FeedServer.ADMIN_PASSWORD), "Content-Type", "audio/mpeg",
                        "Content-Disposition", "attachment; filename=\"big.mp3\"")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(mp3))).build();
        assertRefused(413, server.send(chunked));
        assertEquals(201, upload(server, MediaFixtures.mp3(10), "audio/mpeg", "attachment; filename=\"ok.mp3\"")
                .statusCode());
        assertEquals(1, MediaFixtures.rowCounts(directory)[0]);
    }

    @Test
    void requiresTheAdministrator() {
        start(Map.of());
        HttpResponse<byte[]> response = server.send(server.request("/api/media", "Content-Type", "application/pdf",
                "Content-Disposition", "attachment; filename=\"a.pdf\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(MediaFixtures.pdf())).build());
        assertEquals(401, response.statusCode());
    }

    /** A client that promises 10 MB, sends 1 MB and hangs up leaves neither row nor chunk behind. */
    @Test
    void uploadCutOffMidwayLeavesNothing() throws Exception {
        start(Map.of());
        byte[] megabyte = MediaFixtures.mp3(2515);
        String head = "POST /api/media HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                + FeedClient.basic("admin", FeedServer.ADMIN_PASSWORD) + "\r\nContent-Type: audio/mpeg\r\n"
                + "Content-Disposition: attachment; filename=\"cut.mp3\"\r\nContent-Length: 10000000\r\n\r\n";
        try (Socket socket = new Socket(server.uri("/").getHost(), server.uri("/").getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(megabyte);
            out.flush();
            awaitRows(rows -> rows[1] > 0, "chunks of the upload in progress");
        }
        awaitRows(rows -> rows[0] == 0 && rows[1] == 0, "no media row and no chunk once the client is gone");
        assertEquals(0, json(server.api("GET", "/api/media", null)).size());
    }

    private void awaitRows(java.util.function.Predicate<long[]> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        long[] rows = MediaFixtures.rowCounts(directory);
        while (!condition.test(rows) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            rows = MediaFixtures.rowCounts(directory);
        }
        assertTrue(condition.test(rows), what + ": media rows " + rows[0] + ", chunks " + rows[1]);
    }

    private static void assertRefused(int status, HttpResponse<byte[]> response) {
        assertEquals(status, response.statusCode(), FeedClient.text(response));
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(json(response).get("error").asText().length() > 5, FeedClient.text(response));
    }
}
