package org.conditionalfeed.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.conditionalfeed.testing.ExternalCommand;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.MediaUploads;
import org.conditionalfeed.testing.RunningFeedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A JSON Feed client that is not ours reads {@code /feed.json} and a category's JSON feed back:
 * {@code @extractus/feed-extractor} from the npm registry, pinned with its lock file in
 * {@code src/test/js/json-feed-reader}, run with the machine's Node.js. (Debian's feedparser 6.0
 * has no JSON Feed parser; {@link JsonFeedTest} tries it too.) Skips with a message where Node.js
 * and npm are missing or the registry cannot be reached.
 */
class JsonFeedReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path READER = Path.of("src/test/js/json-feed-reader");

    @RegisterExtension
    final RunningFeedServer running = RunningFeedServer.with(Map.of("FEED_LANGUAGE", "de-CH"));

    private FeedServer server() {
        return running.server();
    }

    @Test
    void feedExtractorReadsEveryEntryAsTheFeedGivesIt() throws Exception {
        Path script = install();
        long pdf = uploadPdf();
        server().createEntry("{\"title\":\"First\",\"content\":\"<p>one</p>\",\"author\":\"Ada\",\"categories\":[\"java\"]}");
        server().createEntry("{\"title\":\"Second & <more>\",\"content\":\"<p>two <a href=\\\"/x\\\">x</a></p>\","
                + "\"categories\":[\"java\",\"C++\"],\"enclosure\":" + pdf + "}");
        server().createEntry("{\"title\":\"Third, in no category\"}");

        JsonNode served = JSON.readTree(server().get("/feed.json").body());
        JsonNode read = read(script, "/feed.json");
        assertEquals("conditional-feed", read.get("title").asText(), read.toString());
        assertEquals("de-CH", read.get("language").asText(), read.toString());
        assertEquals(FeedServer.BASE_URL + "/", read.get("link").asText(), read.toString());
        JsonNode entries = read.get("entries");
        assertEquals(3, entries.size(), read.toString());
        for (int i = 0; i < 3; i++) {
            JsonNode item = served.get("items").get(i);
            JsonNode entry = entries.get(i);
            assertEquals(item.get("id").asText(), entry.get("id").asText(), read.toString());
            assertEquals(item.get("title").asText(), entry.get("title").asText(), read.toString());
            assertEquals(item.get("url").asText(), entry.get("link").asText(), read.toString());
            assertEquals(Instant.parse(item.get("date_published").asText()),
                    Instant.parse(entry.get("published").asText()), read.toString());
        }
        assertEquals("Second & <more>", entries.get(1).get("title").asText());
        assertEquals("two x", entries.get(1).get("description").asText(), "the content, as text");
        assertEquals("[\"java\",\"C++\"]", entries.get(1).get("tags").toString());
        JsonNode attachment = entries.get(1).get("attachments").get(0);
        assertEquals("application/pdf", attachment.get("mime_type").asText(), read.toString());
        assertEquals(pdfBytes().length, attachment.get("size_in_bytes").asLong(), read.toString());
        HttpResponse<byte[]> file = server().get(attachment.get("url").asText().substring(FeedServer.BASE_URL.length()));
        assertEquals(200, file.statusCode(), "the attachment is served");
        assertEquals(pdfBytes().length, file.body().length);

        JsonNode java = read(script, "/categories/java/feed.json");
        List<String> titles = new ArrayList<>();
        java.get("entries").forEach(entry -> titles.add(entry.get("title").asText()));
        assertEquals(List.of("Second & <more>", "First"), titles, java.toString());
    }

    /** Installs the reader from its lock file into this test's directory; its script's path. */
    private Path install() throws Exception {
        assumeTrue(ExternalCommand.run(running.directory(), List.of("node", "--version")).exit() == 0
                && ExternalCommand.run(running.directory(), List.of("npm", "--version")).exit() == 0,
                "Node.js and npm are not installed (Debian: apt-get install nodejs npm)");
        Path reader = Files.createDirectories(running.directory().resolve("reader"));
        for (String file : List.of("package.json", "package-lock.json", "read.mjs")) {
            Files.copy(READER.resolve(file), reader.resolve(file));
        }
        ExternalCommand install = ExternalCommand.run(running.directory(), List.of("npm", "ci", "--no-audit", "--no-fund",
                "--prefix", reader.toString()));
        assumeTrue(install.exit() == 0, "npm could not install the JSON Feed reader from the registry: "
                + install.output());
        return reader.resolve("read.mjs");
    }

    private JsonNode read(Path script, String path) throws Exception {
        ExternalCommand read = ExternalCommand.run(running.directory(), List.of("node", script.toString(),
                server().uri(path).toString()));
        assertEquals(0, read.exit(), read.output());
        return JSON.readTree(read.lines().get(read.lines().size() - 1));
    }

    private long uploadPdf() {
        return MediaUploads.upload(server(), pdfBytes(), "application/pdf", "notes.pdf").get("id").asLong();
    }

    private static byte[] pdfBytes() {
        return ("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
                + "trailer << /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    }
}
