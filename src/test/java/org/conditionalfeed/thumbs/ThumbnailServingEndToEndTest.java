package org.conditionalfeed.thumbs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.conditionalfeed.http.HttpDates;
import org.conditionalfeed.testing.FeedClient;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.MediaUploads;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Thumbnails at their public URLs over real HTTP: the JSON, the headers, 304s, ranges and refusals. */
class ThumbnailServingEndToEndTest {

    /** Held strongly so the handler stays attached. */
    private static final Logger MADE = Logger.getLogger(Thumbnails.class.getName());

    @TempDir
    static Path directory;

    private static FeedServer server;
    private static JsonNode photo;
    private static JsonNode pdf;

    private final List<String> made = new CopyOnWriteArrayList<>();
    private final Handler madeLines = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String line = new SimpleFormatter().formatMessage(record);
            if (line.startsWith("Thumbnails of medium")) {
                made.add(line);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void start() {
        server = FeedServer.start(directory);
        photo = upload(TestImages.write(TestImages.quadrants(1600, 1200), "jpeg"), "image/jpeg", "photo.jpg");
        pdf = upload(("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>"
                + "endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1), "application/pdf",
                "notes.pdf");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void listen() {
        MADE.addHandler(madeLines);
    }

    @AfterEach
    void stopListening() {
        MADE.removeHandler(madeLines);
    }

    @Test
    void theMediaJsonListsTheThumbnailsOfImagesOnly() {
        String prefix = FeedServer.BASE_URL + "/thumbs/" + photo.get("sha256").asText().substring(0, 16) + "/"
                + photo.get("id").asText() + "/";
        JsonNode read = json(server.api("GET", "/api/media/" + photo.get("id").asText(), null));
        for (JsonNode media : List.of(photo, read)) {
            List<String> widths = new ArrayList<>();
            media.get("thumbnails").fieldNames().forEachRemaining(widths::add);
            assertEquals(List.of("160", "320", "640", "1280"), widths);
            for (String width : widths) {
                assertEquals(prefix + width, media.get("thumbnails").get(width).asText());
            }
        }
        assertFalse(pdf.has("thumbnails"), pdf.toString());
    }

    @ParameterizedTest(name = "width {0}")
    @ValueSource(ints = {160, 320, 640, 1280})
    void servesEachWidthWithTheOriginalsCachingHeaders(int width) {
        HttpResponse<byte[]> response = server.get(path(photo, width));

        assertEquals(200, response.statusCode(), FeedClient.text(response));
        assertEquals("image/jpeg", header(response, "Content-Type"));
        assertEquals(Integer.toString(response.body().length), header(response, "Content-Length"));
        BufferedImage image = TestImages.read(response.body());
        int expected = Math.min(width, 1600);
        assertEquals(expected + "×" + expected * 3 / 4, image.getWidth() + "×" + image.getHeight());
        assertTrue(FeedClient.etag(response).matches("\"[!#-~]+\""), "strong: " + FeedClient.etag(response));
        assertEquals("public, max-age=31536000, immutable", header(response, "Cache-Control"));
        assertEquals("bytes", header(response, "Accept-Ranges"));
        assertEquals("nosniff", header(response, "X-Content-Type-Options"));
        assertEquals(Instant.parse(photo.get("created").asText()).getEpochSecond(),
                FeedClient.httpDate(FeedClient.lastModified(response)).getEpochSecond());
    }

    @Test
    void answersNotModifiedOnEitherValidatorWithoutMakingTheThumbnail() {
        JsonNode fresh = upload(TestImages.write(TestImages.gradient(900, 600), "jpeg"), "image/jpeg", "fresh.jpg");
        String uploaded = HttpDates.format(Instant.parse(fresh.get("created").asText()));
        // Never requested before: the validators follow from the medium alone.
        HttpResponse<byte[]> unmade = server.get(path(fresh, 320), "If-Modified-Since", uploaded);
        assertEquals(304, unmade.statusCode());
        assertEquals(0, made.size(), "a 304 makes nothing: " + made);

        HttpResponse<byte[]> first = server.get(path(fresh, 320));
        assertEquals(200, first.statusCode());
        assertEquals(1, made.size(), made.toString());
        HttpResponse<byte[]> byEtag = server.get(path(fresh, 320), "If-None-Match", FeedClient.etag(first));
        HttpResponse<byte[]> byDate = server.get(path(fresh, 320), "If-Modified-Since", FeedClient.lastModified(first));

        for (HttpResponse<byte[]> response : List.of(unmade, byEtag, byDate)) {
            assertEquals(304, response.statusCode());
            assertEquals(0, response.body().length);
            assertEquals("public, max-age=31536000, immutable", header(response, "Cache-Control"));
            assertEquals(FeedClient.lastModified(first), FeedClient.lastModified(response));
            assertEquals(FeedClient.etag(first), FeedClient.etag(response));
        }
        assertFalse(FeedClient.etag(first).equals(FeedClient.etag(server.get(path(fresh, 640)))),
                "each width has its own tag");
        assertEquals(1, made.size(), "one decode made every width: " + made);

        HttpResponse<byte[]> other = server.get(path(fresh, 320), "If-None-Match", "\"something-else\"");
        assertEquals(200, other.statusCode());
        assertArrayEquals(first.body(), other.body());
    }

    @Test
    void headAndRangesAsForMedia() {
        HttpResponse<byte[]> full = server.get(path(photo, 640));
        HttpResponse<byte[]> head = server.send(server.request(path(photo, 640))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        HttpResponse<byte[]> range = server.get(path(photo, 640), "Range", "bytes=0-9");
        HttpResponse<byte[]> unsatisfiable = server.get(path(photo, 640), "Range", "bytes=99999999-");

        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
        assertEquals(Integer.toString(full.body().length), header(head, "Content-Length"));
        assertEquals(FeedClient.etag(full), FeedClient.etag(head));
        assertEquals(206, range.statusCode());
        assertEquals("bytes 0-9/" + full.body().length, header(range, "Content-Range"));
        assertArrayEquals(Arrays.copyOf(full.body(), 10), range.body());
        assertEquals(416, unsatisfiable.statusCode());
        assertEquals("bytes */" + full.body().length, header(unsatisfiable, "Content-Range"));
    }

    @Test
    void concurrentFirstRequestsDecodeTheSourceOnce() {
        JsonNode fresh = upload(TestImages.write(TestImages.gradient(3000, 2000), "jpeg"), "image/jpeg", "burst.jpg");
        List<CompletableFuture<HttpResponse<byte[]>>> burst = new ArrayList<>();
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 20; i++) {
            burst.add(client.sendAsync(server.request(path(fresh, 640)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
        }

        List<HttpResponse<byte[]>> responses = burst.stream().map(CompletableFuture::join).toList();

        for (HttpResponse<byte[]> response : responses) {
            assertEquals(200, response.statusCode(), FeedClient.text(response));
            assertArrayEquals(responses.get(0).body(), response.body());
            assertEquals(FeedClient.etag(responses.get(0)), FeedClient.etag(response));
        }
        assertEquals(1, made.size(), "one decode for twenty first requests: " + made);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"image/png, 100000, 100000", "image/gif, 65535, 65535", "image/jpeg, 60000, 60000",
            "image/png, 50001, 1000"})
    void aDecompressionBombIsRefusedAtUpload(String type, int width, int height) {
        byte[] bomb = switch (type) {
            case "image/png" -> TestImages.pngDeclaring(width, height);
            case "image/gif" -> TestImages.gifDeclaring(width, height);
            default -> TestImages.jpegDeclaring(width, height);
        };

        HttpResponse<byte[]> response = send(bomb, type, "bomb");

        assertEquals(413, response.statusCode(), FeedClient.text(response));
        String error = MediaUploads.json(response).get("error").asText();
        assertTrue(error.contains(width + "×" + height + " pixels"), error);
    }

    @Test
    void unknownWidthsNonImagesAndWrongDigestsAreNotFound() {
        String digest = photo.get("sha256").asText().substring(0, 16);
        String id = photo.get("id").asText();
        List<String> paths = List.of(
                "/thumbs/" + digest + "/" + id + "/200",
                "/thumbs/" + digest + "/" + id + "/0",
                "/thumbs/" + digest + "/" + id + "/2560",
                "/thumbs/" + digest + "/" + id + "/large",
                "/thumbs/" + digest + "/" + id,
                "/thumbs/0000000000000000/" + id + "/160",
                "/thumbs/" + digest + "/999999/160",
                path(pdf, 160));
        for (String path : paths) {
            HttpResponse<byte[]> response = server.get(path);
            assertEquals(404, response.statusCode(), path);
            assertTrue(header(response, "Content-Type").startsWith("text/plain"), path);
        }
        assertTrue(FeedClient.text(server.get(paths.get(0))).contains("160, 320, 640, 1280"));
    }

    @Test
    void anImageThatCannotBeDecodedHasNoThumbnails() {
        // A valid header (so the upload is taken) over image data that ends at once.
        JsonNode broken = upload(TestImages.pngDeclaring(300, 200), "image/png", "broken.png");

        HttpResponse<byte[]> response = server.get(path(broken, 160));
        HttpResponse<byte[]> again = server.get(path(broken, 320));

        assertEquals(404, response.statusCode());
        assertTrue(FeedClient.text(response).startsWith("No thumbnail: the image cannot be decoded"),
                FeedClient.text(response));
        assertEquals(404, again.statusCode());
        assertEquals(0, made.size(), made.toString());
    }

    @Test
    void aDeletedMediumsThumbnailsAreGone() {
        JsonNode doomed = upload(TestImages.write(TestImages.gradient(400, 300), "png"), "image/png", "doomed.png");
        HttpResponse<byte[]> before = server.get(path(doomed, 160));
        assertEquals(200, before.statusCode());

        assertEquals(204, server.api("DELETE", "/api/media/" + doomed.get("id").asText(), null).statusCode());

        assertEquals(404, server.get(path(doomed, 160)).statusCode());
        assertEquals(404, server.get(path(doomed, 160), "If-None-Match", FeedClient.etag(before)).statusCode());
        assertEquals(404, server.get(path(doomed, 320)).statusCode());
    }

    @Test
    void onlyGetAndHeadAreAllowed() {
        HttpResponse<byte[]> response = server.send(server.request(path(photo, 160))
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(405, response.statusCode());
        assertEquals("GET, HEAD", header(response, "Allow"));
    }

    private static String path(JsonNode media, int width) {
        return "/thumbs/" + media.get("sha256").asText().substring(0, 16) + "/" + media.get("id").asText() + "/"
                + width;
    }

    private static JsonNode upload(byte[] body, String type, String filename) {
        return MediaUploads.upload(server, body, type, filename);
    }

    private static HttpResponse<byte[]> send(byte[] body, String type, String filename) {
        return MediaUploads.send(server, body, type, MediaUploads.attachment(filename));
    }

    private static JsonNode json(HttpResponse<byte[]> response) {
        return MediaUploads.json(response);
    }

    private static String header(HttpResponse<byte[]> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name));
    }
}
