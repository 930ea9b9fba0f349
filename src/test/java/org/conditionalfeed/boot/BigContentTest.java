package org.conditionalfeed.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.conditionalfeed.testing.DirectEntries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large content at {@code -Xmx128m}, in the real launcher with {@code -XX:+ExitOnOutOfMemoryError}:
 * 1 000 entries of about a megabyte each (written straight into the database before start,
 * compressed, so the test stays fast) and {@code FEED_MAX_ITEMS=1000}; then more such entries
 * through the API, each answered {@code 201} although each write renders that feed before it is
 * answered; the feed is answered with a bounded size, a page of a hundred entries of the API is
 * answered whole, and the JVM is still alive. Takes about a minute: on H2 an entry's content is
 * stored in its row, so each render reads every shown row whole (about 1 GB here, a few seconds).
 */
class BigContentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ENTRIES = 1000;
    private static final int API_WRITES = 3;
    /** An entry's content: just under the content column's 1 000 000 characters. */
    private static final String MEGABYTE = "<p>" + "All work and no play. ".repeat(45_000) + "</p>";
    /** What a feed may weigh: the 4 MiB of item bodies, escaped, and 1 000 items' other fields. */
    private static final long FEED_MAX_BYTES = 8L << 20;

    @TempDir
    Path directory;

    @RegisterExtension
    final ChildJvms children = new ChildJvms();

    @Test
    void thousandEntriesOfAMegabyteAtXmx128m() throws Exception {
        insertDirectly(ENTRIES);
        ChildJvm server = children.launch(directory, "big", Map.of("FEED_MAX_ITEMS", "1000"),
                List.of("-Xmx128m", "-XX:+ExitOnOutOfMemoryError"));
        server.awaitListening();

        String body = JSON.writeValueAsString(Map.of("title", "Through the API", "content", MEGABYTE));
        for (int i = 0; i < API_WRITES; i++) {
            HttpResponse<String> created = server.send(server.request("/api/entries")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            assertEquals(201, created.statusCode(), () -> "write " + created.body() + "\n" + server.output());
        }

        HttpResponse<String> feed = server.send(server.request("/feed.xml").GET().build());
        assertEquals(200, feed.statusCode(), server::output);
        long feedBytes = feed.body().getBytes(StandardCharsets.UTF_8).length;
        assertTrue(feedBytes < FEED_MAX_BYTES, "the feed weighs " + feedBytes + " bytes");
        assertEquals(ENTRIES, count(Pattern.compile("<item>").matcher(feed.body())), "FEED_MAX_ITEMS items");
        assertTrue(feed.body().contains("/entries/" + (ENTRIES + API_WRITES) + "\"&gt;\u2026&lt;/a&gt;"),
                "the newest item is cut and links to its full page");

        assertEquals(100, streamedEntries(server), "a page of 100 entries of a megabyte each");
        assertTrue(server.process().isAlive(), server::output);
        assertEquals(200, server.send(server.request("/healthz").GET().build()).statusCode());
    }

    /**
     * Lets H2 write the entries itself into a compressed file in one statement (no megabytes
     * through JDBC); closing that one connection closes the database before the launcher opens it.
     */
    private void insertDirectly(int count) throws Exception {
        DirectEntries.insert("jdbc:h2:file:" + directory.resolve("feed"), ";COMPRESS=TRUE", count, MEGABYTE, "''");
    }

    /** GETs a page of 100 entries, reading the answer as a stream; returns how many entries of a megabyte it holds. */
    private static int streamedEntries(ChildJvm server) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<InputStream> response = client.send(server.request("/api/entries?limit=100").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        int entries = 0;
        try (InputStream in = response.body(); JsonParser parser = JSON.getFactory().createParser(in)) {
            assertEquals(JsonToken.START_ARRAY, parser.nextToken());
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    if (field.equals("content")) {
                        assertEquals(MEGABYTE.length(), parser.getTextLength(), "content of entry " + entries);
                    }
                    parser.skipChildren();
                }
                entries++;
            }
        }
        return entries;
    }

    private static int count(Matcher matcher) {
        int found = 0;
        while (matcher.find()) {
            found++;
        }
        return found;
    }
}
