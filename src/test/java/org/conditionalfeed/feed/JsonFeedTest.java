package org.conditionalfeed.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.conditionalfeed.testing.ExternalCommand;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.RunningFeedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /feed.json} and the categories' JSON feeds hold to every "required" and "must" of JSON
 * Feed 1.1 (https://www.jsonfeed.org/version/1.1/), carry the same entries in the same order as
 * the RSS feed, and are read back by Python's feedparser (a version with its JSON Feed parser,
 * {@code feedparser.parsers.json}, which Debian's {@code python3-feedparser} 6.0 lacks; that test
 * is skipped with a message where it is absent; {@link JsonFeedReaderTest} reads them with a
 * JSON Feed client from the npm registry).
 */
class JsonFeedTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Set<String> TOP_LEVEL = Set.of("version", "title", "home_page_url", "feed_url",
            "description", "user_comment", "next_url", "icon", "favicon", "authors", "author", "language",
            "expired", "hubs", "items");
    private static final Set<String> ITEM = Set.of("id", "url", "external_url", "title", "content_html",
            "content_text", "summary", "image", "banner_image", "date_published", "date_modified", "authors",
            "author", "tags", "language", "attachments");

    @RegisterExtension
    final RunningFeedServer running = RunningFeedServer.with(Map.of("FEED_LANGUAGE", "de-CH"));

    private FeedServer server() {
        return running.server();
    }

    @Test
    void everyFeedHoldsToEveryMustOfJsonFeed11() throws Exception {
        assertMusts("/feed.json");
        server().createEntry(W3cValidatorTest.entry("Ordinary", W3cValidatorTest.ORDINARY,
                "\"author\":\"Ada\",\"categories\":[\"java\",\"C++ & more\"]"));
        server().createEntry(W3cValidatorTest.entry("No content, \"quoted\" <title>", null, "\"categories\":[\"java\"]"));
        server().createEntry(W3cValidatorTest.entry("Hostile", W3cValidatorTest.HOSTILE, ""));
        for (String path : List.of("/feed.json", "/categories/java/feed.json", "/categories/C%2B%2B%20%26%20more/feed.json")) {
            assertMusts(path);
        }
        JsonNode main = JSON.readTree(server().get("/feed.json").body());
        assertEquals(List.of("Hostile", "No content, \"quoted\" <title>", "Ordinary"), titles(main));
        assertEquals("de-CH", main.get("language").asText());
        assertEquals(FeedServer.BASE_URL + "/feed.json", main.get("feed_url").asText());
        assertEquals(FeedServer.BASE_URL + "/", main.get("home_page_url").asText());
        JsonNode java = JSON.readTree(server().get("/categories/java/feed.json").body());
        assertEquals(List.of("No content, \"quoted\" <title>", "Ordinary"), titles(java));
        assertEquals(FeedServer.BASE_URL + "/categories/java/feed.json", java.get("feed_url").asText());
        String hostile = main.get("items").get(0).get("content_html").asText();
        assertFalse(hostile.contains("<script") || hostile.contains("onclick") || hostile.contains("<iframe"), hostile);
        assertTrue(main.get("items").get(2).get("content_html").asText()
                .contains("href=\"https://blog.example.org/about\""), "relative links made absolute");
        assertEquals("[\"java\",\"C++ & more\"]", main.get("items").get(2).get("tags").toString());
        assertEquals("[{\"name\":\"Ada\"}]", main.get("items").get(2).get("authors").toString());
    }

    @Test
    void theSameEntriesInTheSameOrderAsRssAndAtom() {
        for (int i = 1; i <= 3; i++) {
            server().createEntry("{\"title\":\"Entry " + i + "\",\"categories\":[\"c\"]}");
        }
        long edited = server().createEntry("{\"title\":\"Entry 4\"}");
        server().api("PUT", "/api/entries/" + edited, "{\"title\":\"Entry 4 edited\",\"categories\":[\"c\"]}");
        List<String> rss = FeedServer.parseFeed(server().get("/feed.xml").body()).getEntries().stream()
                .map(entry -> entry.getUri()).toList();
        List<String> atom = FeedServer.parseFeed(server().get("/feed.atom").body()).getEntries().stream()
                .map(entry -> entry.getUri()).toList();
        List<String> json = ids(server().get("/feed.json"));
        assertEquals(4, rss.size());
        assertEquals(rss, atom);
        assertEquals(rss, json);
        assertEquals(ids(server().get("/categories/c/feed.json")),
                FeedServer.parseFeed(server().get("/categories/c/feed.atom").body()).getEntries().stream()
                        .map(entry -> entry.getUri()).toList());
    }

    @Test
    void feedparserReadsTheJsonFeed() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON) && ExternalCommand.run(running.directory(), List.of(PYTHON.toString(), "-c",
                "import feedparser")).exit() == 0, "Python feedparser is not installed: apt-get install python3-feedparser");
        ExternalCommand json = ExternalCommand.run(running.directory(), List.of(PYTHON.toString(), "-c",
                "import feedparser, feedparser.parsers.json"));
        assumeTrue(json.exit() == 0, "this feedparser reads no JSON Feed (its JSON parser came after 6.0.x, the"
                + " version Debian ships): " + json.lines().get(json.lines().size() - 1));
        server().createEntry("{\"title\":\"First\",\"content\":\"<p>one</p>\",\"author\":\"Ada\",\"categories\":[\"java\"]}");
        server().createEntry("{\"title\":\"Second\",\"content\":\"<p>two <a href=\\\"/x\\\">x</a></p>\"}");
        ExternalCommand read = ExternalCommand.run(running.directory(), List.of(PYTHON.toString(), "-c", String.join("\n",
                "import feedparser, sys",
                "d = feedparser.parse(sys.argv[1])",
                "print(d.status, d.version, int(d.bozo), d.feed.title, d.feed.language)",
                "for e in d.entries:",
                "    print(e.id, e.title, e.link, e.published_parsed.tm_year, e.content[0].value if 'content' in e else e.summary)",
                "again = feedparser.parse(sys.argv[1], etag=d.etag, modified=d.modified)",
                "print(again.status, len(again.entries))"),
                server().uri("/feed.json").toString()));
        assertEquals(0, read.exit(), read.output());
        List<String> lines = read.lines();
        assertEquals("200 json11 0 conditional-feed de-CH", lines.get(0), read.output());
        assertEquals(4, lines.size(), read.output());
        assertEquals("304 0", lines.get(3), "feedparser revalidates the JSON feed: " + read.output());
        assertTrue(lines.get(1).contains(" Second " + FeedServer.BASE_URL + "/entries/2 "), read.output());
        assertTrue(lines.get(1).endsWith("<p>two <a href=\"https://blog.example.org/x\">x</a></p>"), read.output());
        assertTrue(lines.get(2).contains(" First " + FeedServer.BASE_URL + "/entries/1 "), read.output());
    }

    private static List<String> titles(JsonNode feed) {
        return stream(feed.get("items")).stream().map(item -> item.get("title").asText()).toList();
    }

    private static List<String> ids(HttpResponse<byte[]> response) {
        try {
            return stream(JSON.readTree(response.body()).get("items")).stream().map(item -> item.get("id").asText())
                    .toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<JsonNode> stream(JsonNode array) {
        List<JsonNode> nodes = new java.util.ArrayList<>();
        array.forEach(nodes::add);
        return nodes;
    }

    /** Every required member and every "must" of the specification, for the feed at {@code path}. */
    private void assertMusts(String path) throws Exception {
        HttpResponse<byte[]> response = server().get(path);
        assertEquals(200, response.statusCode(), path);
        assertEquals("application/feed+json;charset=UTF-8",
                response.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""), path);
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(response.body()));
        } catch (CharacterCodingException e) {
            throw new AssertionError(path + " is not UTF-8", e);
        }
        JsonNode feed = JSON.readTree(response.body());
        assertTrue(feed.isObject(), path);
        assertEquals("version", feed.fieldNames().next(), "version comes first");
        assertEquals("https://jsonfeed.org/version/1.1", feed.get("version").asText());
        assertTrue(feed.get("title").isTextual() && !feed.get("title").asText().isEmpty(), "title is a string");
        assertKnownKeys(feed, TOP_LEVEL, path);
        for (String url : List.of("home_page_url", "feed_url")) {
            assertTrue(feed.get(url).isTextual() && feed.get(url).asText().startsWith("https://"), url);
        }
        assertFalse(feed.has("next_url") && feed.get("next_url").equals(feed.get("feed_url")), "next_url is not feed_url");
        assertAuthors(feed, path);
        if (feed.has("hubs")) {
            for (JsonNode hub : feed.get("hubs")) {
                assertTrue(hub.get("type").isTextual() && hub.get("url").isTextual(), "a hub has type and url");
            }
        }
        assertTrue(feed.get("items").isArray(), "items is a required array");
        Set<String> ids = new HashSet<>();
        for (JsonNode item : feed.get("items")) {
            assertKnownKeys(item, ITEM, path);
            assertTrue(item.get("id").isTextual() && !item.get("id").asText().isEmpty(), "id is a string");
            assertTrue(ids.add(item.get("id").asText()), "ids are unique");
            assertTrue(item.has("content_html") || item.has("content_text"), "content_html or content_text");
            assertTrue(!item.has("content_html") || item.get("content_html").isTextual());
            for (String text : List.of("url", "title", "summary")) {
                assertTrue(!item.has(text) || item.get(text).isTextual(), text + " is a string");
            }
            for (String date : List.of("date_published", "date_modified")) {
                if (item.has(date)) {
                    OffsetDateTime.parse(item.get(date).asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                }
            }
            if (item.has("tags")) {
                item.get("tags").forEach(tag -> assertTrue(tag.isTextual(), "tags are strings"));
            }
            assertAuthors(item, path);
            if (item.has("attachments")) {
                for (JsonNode attachment : item.get("attachments")) {
                    assertTrue(attachment.get("url").isTextual() && attachment.get("mime_type").isTextual(),
                            "an attachment has url and mime_type");
                    assertTrue(!attachment.has("size_in_bytes") || attachment.get("size_in_bytes").isNumber());
                }
            }
        }
    }

    /** An author object carries at least one of name, url and avatar. */
    private static void assertAuthors(JsonNode node, String path) {
        if (!node.has("authors")) {
            return;
        }
        assertTrue(node.get("authors").isArray(), path);
        for (JsonNode author : node.get("authors")) {
            assertTrue(author.has("name") || author.has("url") || author.has("avatar"), path + ": " + author);
        }
    }

    /** Keys other than the specification's must be extensions, which start with "_" and a letter and hold no ".". */
    private static void assertKnownKeys(JsonNode node, Set<String> known, String path) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            assertTrue(known.contains(name) || name.matches("_[A-Za-z][^.]*"), path + ": unknown key " + name);
        }
    }
}
