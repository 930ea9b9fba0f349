package org.conditionalfeed.media;

import static org.conditionalfeed.media.MediaFixtures.path;
import static org.conditionalfeed.media.MediaFixtures.uploaded;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.conditionalfeed.testing.FeedClient;
import org.conditionalfeed.testing.FeedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A medium at its public URL: headers, conditional requests and ranges, over real HTTP. Here from
 * the copy in the media cache, with the medium's pieces gone from the database once the copy is
 * made, so every byte is proven to come from the copy (whole responses through Tomcat's
 * sendfile); {@link MediaServingFromDatabaseEndToEndTest} runs the same with the cache off.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaServingEndToEndTest {

    /** The server's directory: its database, and the media cache beside it. */
    Path directory;

    private FeedServer server;
    private byte[] mp3;
    private JsonNode media;

    /** The settings on top of the test defaults. */
    Map<String, String> settings() {
        return Map.of();
    }

    /**
     * Once the medium is uploaded: a {@code HEAD} (which reads no piece) has the copy made; then
     * its pieces are removed from the database, so only the copy can serve it.
     */
    void prepare(FeedServer started, JsonNode uploaded) throws Exception {
        assertEquals(200, started.send(started.request(path(uploaded)).method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build()).statusCode());
        MediaCacheEndToEndTest.awaitCopy(directory, uploaded);
        try (Connection connection = MediaFixtures.connect(directory);
                PreparedStatement delete = connection.prepareStatement("DELETE FROM media_chunk WHERE media_id = ?")) {
            delete.setLong(1, uploaded.get("id").asLong());
            assertTrue(delete.executeUpdate() > 0);
        }
    }

    @BeforeAll
    void upload(@TempDir Path temp) throws Exception {
        directory = temp;
        server = FeedServer.start(directory, settings());
        mp3 = MediaFixtures.mp3(2000);
        media = uploaded(server, mp3, "audio/mpeg", "episode 1 – ünïcode.mp3");
        prepare(server, media);
        // Last-Modified becomes a strong validator for If-Range one second after the upload.
        Thread.sleep(1100);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> get(String... headers) {
        return server.get(path(media), headers);
    }

    @Test
    void servesTheBytesWithImmutableCachingHeaders() {
        HttpResponse<byte[]> response = get();
        assertEquals(200, response.statusCode());
        assertArrayEquals(mp3, response.body());
        assertEquals("audio/mpeg", header(response, "Content-Type"));
        assertEquals(Long.toString(mp3.length), header(response, "Content-Length"));
        assertEquals("\"" + media.get("sha256").asText() + "\"", header(response, "ETag"));
        assertEquals("public, max-age=31536000, immutable", header(response, "Cache-Control"));
        assertEquals("bytes", header(response, "Accept-Ranges"));
        assertEquals("nosniff", header(response, "X-Content-Type-Options"));
        assertEquals("inline; filename=\"episode 1 _ _n_code.mp3\"; filename*=UTF-8''episode%201%20%E2%80%93%20%C3%BCn%C3%AFcode.mp3",
                header(response, "Content-Disposition"));
        assertEquals(FeedClient.httpDate(header(response, "Last-Modified")).getEpochSecond(),
                java.time.Instant.parse(media.get("created").asText()).getEpochSecond());
    }

    @Test
    void headHasTheHeadersWithoutBody() {
        HttpResponse<byte[]> response = server.send(server.request(path(media)).method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, response.statusCode());
        assertEquals(0, response.body().length);
        assertEquals(Long.toString(mp3.length), header(response, "Content-Length"));
        assertEquals("audio/mpeg", header(response, "Content-Type"));
    }

    @Test
    void answersNotModifiedToEitherValidator() {
        HttpResponse<byte[]> first = get();
        HttpResponse<byte[]> byTag = get("If-None-Match", FeedClient.etag(first));
        assertEquals(304, byTag.statusCode());
        assertEquals(FeedClient.etag(first), FeedClient.etag(byTag));
        assertEquals("public, max-age=31536000, immutable", header(byTag, "Cache-Control"));
        assertEquals(304, get("If-Modified-Since", FeedClient.lastModified(first)).statusCode());
        assertEquals(200, get("If-None-Match", "\"other\"").statusCode());
        assertEquals(412, get("If-Match", "\"other\"").statusCode());
    }

    @Test
    void answersTheTwoBytePodcastProbeWithPartialContent() {
        HttpResponse<byte[]> response = get("Range", "bytes=0-1");
        assertEquals(206, response.statusCode());
        assertEquals("bytes 0-1/" + mp3.length, header(response, "Content-Range"));
        assertEquals("audio/mpeg", header(response, "Content-Type"));
        assertArrayEquals(Arrays.copyOfRange(mp3, 0, 2), response.body());
    }

    @Test
    void servesSuffixAndOpenRangesAcrossChunks() {
        HttpResponse<byte[]> suffix = get("Range", "bytes=-100");
        assertEquals(206, suffix.statusCode());
        assertArrayEquals(Arrays.copyOfRange(mp3, mp3.length - 100, mp3.length), suffix.body());
        int start = MediaStore.CHUNK_SIZE - 10;
        HttpResponse<byte[]> open = get("Range", "bytes=" + start + "-");
        assertEquals("bytes " + start + "-" + (mp3.length - 1) + "/" + mp3.length, header(open, "Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(mp3, start, mp3.length), open.body());
    }

    @Test
    void servesSeveralRangesAsMultipartByteranges() {
        int acrossChunks = MediaStore.CHUNK_SIZE - 3;
        HttpResponse<byte[]> response = get("Range", "bytes=0-9, " + acrossChunks + "-" + (acrossChunks + 5) + ", -4");
        assertEquals(206, response.statusCode());
        String type = header(response, "Content-Type");
        Matcher boundary = Pattern.compile("multipart/byteranges; boundary=(\\S+)").matcher(type);
        assertTrue(boundary.matches(), type);
        assertEquals(Integer.toString(response.body().length), header(response, "Content-Length"));
        List<String[]> parts = multipart(response.body(), boundary.group(1));
        assertEquals(3, parts.size());
        long[][] expected = {{0, 9}, {acrossChunks, acrossChunks + 5}, {mp3.length - 4, mp3.length - 1}};
        for (int i = 0; i < 3; i++) {
            assertTrue(parts.get(i)[0].contains("Content-Type: audio/mpeg"), parts.get(i)[0]);
            assertTrue(parts.get(i)[0].contains("Content-Range: bytes " + expected[i][0] + "-" + expected[i][1] + "/"
                    + mp3.length), parts.get(i)[0]);
            byte[] body = parts.get(i)[1].getBytes(StandardCharsets.ISO_8859_1);
            assertArrayEquals(Arrays.copyOfRange(mp3, (int) expected[i][0], (int) expected[i][1] + 1), body);
        }
    }

    @Test
    void coalescesOverlappingRangesIntoOnePart() {
        HttpResponse<byte[]> response = get("Range", "bytes=0-99,50-149");
        assertEquals(206, response.statusCode());
        assertEquals("bytes 0-149/" + mp3.length, header(response, "Content-Range"));
    }

    @Test
    void answersUnsatisfiableWithTheLength() {
        HttpResponse<byte[]> response = get("Range", "bytes=" + mp3.length + "-");
        assertEquals(416, response.statusCode());
        assertEquals("bytes */" + mp3.length, header(response, "Content-Range"));
    }

    @Test
    void ifRangeDecidesBetweenPartAndWhole() {
        String etag = FeedClient.etag(get());
        assertEquals(206, get("Range", "bytes=0-1", "If-Range", etag).statusCode());
        assertEquals(206, get("Range", "bytes=0-1", "If-Range", FeedClient.lastModified(get())).statusCode());
        HttpResponse<byte[]> mismatch = get("Range", "bytes=0-1", "If-Range", "\"something-else\"");
        assertEquals(200, mismatch.statusCode());
        assertArrayEquals(mp3, mismatch.body());
    }

    @Test
    void ignoresMalformedRanges() {
        assertEquals(200, get("Range", "bytes=9-1").statusCode());
        assertEquals(200, get("Range", "lines=0-1").statusCode());
    }

    @Test
    void unknownOrAlteredAddressesAreNotFound() {
        String path = path(media);
        assertEquals(404, server.get(path.replaceFirst("/media/[0-9a-f]", "/media/x")).statusCode());
        assertEquals(404, server.get(path.substring(0, path.lastIndexOf('/')) + "/other.mp3").statusCode());
        assertEquals(404, server.get("/media/0123456789abcdef/999/x.mp3").statusCode());
        HttpResponse<byte[]> post = server.send(server.request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(405, post.statusCode());
    }

    /** Each part of a multipart body as {headers, body} in ISO-8859-1. */
    private static List<String[]> multipart(byte[] body, String boundary) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        assertTrue(text.endsWith("\r\n--" + boundary + "--\r\n"), "closing delimiter");
        List<String[]> parts = new ArrayList<>();
        String[] pieces = text.substring(0, text.length() - ("\r\n--" + boundary + "--\r\n").length())
                .split("(^|\r\n)--" + Pattern.quote(boundary) + "\r\n", -1);
        for (String piece : Arrays.asList(pieces).subList(1, pieces.length)) {
            int split = piece.indexOf("\r\n\r\n");
            parts.add(new String[] {piece.substring(0, split), piece.substring(split + 4)});
        }
        return parts;
    }

    private static String header(HttpResponse<byte[]> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name));
    }
}
