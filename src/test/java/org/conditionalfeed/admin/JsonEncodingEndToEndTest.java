package org.conditionalfeed.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.RunningFeedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The entries API over real HTTP with bodies in other encodings than UTF-8, or not quite UTF-8: refused, nothing created. */
class JsonEncodingEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENTRY = "{\"title\":\"Encoded \u00e9\"}";

    @RegisterExtension
    static final RunningFeedServer RUNNING = RunningFeedServer.with(Map.of());

    private static FeedServer server() {
        return RUNNING.server();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource(delimiter = '|', value = {
        // encoding of the body | Content-Type                           | byte order mark
        "UTF-16BE              | application/json                        | FEFF",
        "UTF-16LE              | application/json                        | FFFE",
        "UTF-16BE              | application/json                        |",
        "UTF-16LE              | application/json                        |",
        "UTF-32BE              | application/json                        |",
        "UTF-32LE              | application/json                        | FFFE0000",
        "UTF-16BE              | application/json; charset=utf-16        | FEFF",
        "UTF-16LE              | application/json; charset=UTF-16LE      |",
        "UTF-32BE              | application/json; charset=utf-32        |",
        "ISO-8859-1            | application/json; charset=ISO-8859-1    |",
        "UTF-8                 | application/json; charset=windows-1252  |",
    })
    void otherEncodingsAreUnsupportedMediaType(String encoding, String contentType, String bom) throws IOException {
        byte[] mark = bom == null ? new byte[0] : HexFormat.of().parseHex(bom);
        assertError(post(contentType, concat(mark, ENTRY.getBytes(Charset.forName(encoding)))), 415);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "overlong slash      | C0AF",
        "overlong NUL        | C080",
        "encoded surrogate   | EDA080",
        "CESU-8 pair         | EDA0BDEDB880",
        "Latin-1 byte        | E9",
        "truncated sequence  | E282",
    })
    void malformedUtf8IsBadRequest(String name, String hex) throws IOException {
        byte[] body = concat("{\"title\":\"x".getBytes(StandardCharsets.UTF_8), HexFormat.of().parseHex(hex),
                "\"}".getBytes(StandardCharsets.UTF_8));
        assertError(post("application/json", body), 400);
    }

    @Test
    void utf8WithOrWithoutCharsetOrByteOrderMarkIsAccepted() throws IOException {
        HttpResponse<byte[]> plain = post("application/json", ENTRY.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, plain.statusCode(), FeedServer.text(plain));
        assertEquals("Encoded \u00e9", JSON.readTree(plain.body()).get("title").asText());
        HttpResponse<byte[]> labelled = post("application/json; charset=\"utf-8\"", ENTRY.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, labelled.statusCode(), FeedServer.text(labelled));
        HttpResponse<byte[]> marked = post("application/json",
                concat(HexFormat.of().parseHex("EFBBBF"), ENTRY.getBytes(StandardCharsets.UTF_8)));
        assertEquals(201, marked.statusCode(), FeedServer.text(marked));
        assertEquals("Encoded \u00e9", JSON.readTree(marked.body()).get("title").asText());
    }

    @Test
    void refusedBodiesCreateNothing() throws IOException {
        int before = JSON.readTree(server().api("GET", "/api/entries?limit=100", null).body()).size();
        assertError(post("application/json", ENTRY.getBytes(StandardCharsets.UTF_16)), 415);
        assertError(post("application/json", HexFormat.of().parseHex("7B227469746C65223A22C0AF227D")), 400);
        assertEquals(before, JSON.readTree(server().api("GET", "/api/entries?limit=100", null).body()).size());
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    private static HttpResponse<byte[]> post(String contentType, byte[] body) {
        return server().send(server().request("/api/entries", "Authorization",
                        FeedServer.basic("admin", FeedServer.ADMIN_PASSWORD), "Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static void assertError(HttpResponse<byte[]> response, int status) throws IOException {
        String body = FeedServer.text(response);
        assertEquals(status, response.statusCode(), body);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), body);
        assertTrue(JSON.readTree(body).path("error").asText().contains("UTF-8"), body);
    }
}
