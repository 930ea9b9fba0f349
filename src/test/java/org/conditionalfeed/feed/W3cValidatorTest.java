package org.conditionalfeed.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.W3cFeedValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RSS and Atom feeds, main and per category, pass the W3C Feed Validation Service's own code
 * with no error and no warning, for ordinary content (relative links, an author, categories) and
 * for hostile content (script, event handlers, iframes, forms, {@code meta refresh},
 * {@code base}, {@code javascript:} links). Needs Python 3 (see {@link W3cFeedValidator}); skipped
 * with a message where it is absent.
 */
class W3cValidatorTest {

    static final String ORDINARY = "<p>Read <a href=\"/about\">about us</a> and <a href=\"notes/2.html\">the notes</a>,"
            + " <img src=\"images/cat.png\" alt=\"a cat\"> &amp; <em>more</em>.</p>"
            + "<blockquote cite=\"/quotes/1\">Quoted</blockquote><ul><li>one</li><li>two</li></ul>";
    static final String HOSTILE = "<script>alert('x')</script><p onclick=\"steal()\" style=\"color:red\">Click</p>"
            + "<iframe src=\"https://evil.example/\"></iframe><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">"
            + "<base href=\"https://evil.example/\"><form action=\"/login\"><input name=\"password\"></form>"
            + "<a href=\"javascript:alert(1)\">js</a><img src=\"x.png\" onerror=\"alert(1)\"><object data=\"x.swf\"></object>"
            + "<embed src=\"x.swf\"><style>body{display:none}</style><p>Text after</p>";

    @TempDir
    Path directory;
    private FeedServer server;

    /**
     * On a port chosen before the start, so {@code FEED_BASE_URL} is the address the validator
     * fetches from and it can check each {@code rel="self"} link against it.
     */
    @BeforeEach
    void start() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        server = FeedServer.start(directory.resolve("db"), Map.of("FEED_LANGUAGE", "en-GB",
                "FEED_PORT", Integer.toString(port), "FEED_BASE_URL", "http://127.0.0.1:" + port));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void rssAndAtomOfOrdinaryContentHaveNoErrorOrWarning() throws Exception {
        W3cFeedValidator validator = W3cFeedValidator.require();
        server.createEntry(entry("Ordinary", ORDINARY, "\"author\":\"Ada Lovelace\",\"categories\":[\"java\",\"C++ & more\"]"));
        server.createEntry(entry("Plain", null, "\"link\":\"https://elsewhere.example/post\",\"categories\":[\"java\"]"));
        assertClean(validator, "/feed.xml", "/feed.atom", "/categories/java/feed.xml", "/categories/java/feed.atom",
                "/categories/C%2B%2B%20%26%20more/feed.xml", "/categories/C%2B%2B%20%26%20more/feed.atom");
    }

    @Test
    void rssAndAtomOfHostileContentHaveNoErrorOrWarning() throws Exception {
        W3cFeedValidator validator = W3cFeedValidator.require();
        server.createEntry(entry("Hostile & \"quoted\" title", HOSTILE, "\"categories\":[\"attack\"]"));
        assertClean(validator, "/feed.xml", "/feed.atom", "/categories/attack/feed.xml", "/categories/attack/feed.atom");
        for (String path : List.of("/feed.xml", "/feed.atom", "/feed.json")) {
            String body = FeedServer.text(server.get(path)).toLowerCase(Locale.ROOT);
            for (String forbidden : List.of("&lt;script", "<script", "alert(", "onclick", "onerror", "iframe",
                    "http-equiv", "&lt;base", "&lt;form", "<form", "javascript:", "&lt;object", "&lt;embed", "&lt;style",
                    "<style", "display:none")) {
                assertFalse(body.contains(forbidden), path + " still carries " + forbidden + ": " + body);
            }
            assertTrue(body.contains("text after"), "the harmless rest stays: " + body);
        }
        String stored = new ObjectMapper().readTree(server.api("GET", "/api/entries/1", null).body()).get("content").asText();
        assertEquals(HOSTILE, stored, "what the administrator wrote is stored as written");
    }

    @Test
    void emptyFeedsHaveNoErrorOrWarning() throws Exception {
        W3cFeedValidator validator = W3cFeedValidator.require();
        assertClean(validator, "/feed.xml", "/feed.atom");
    }

    static String entry(String title, String content, String more) throws Exception {
        ObjectMapper json = new ObjectMapper();
        return "{\"title\":" + json.writeValueAsString(title)
                + (content == null ? "" : ",\"content\":" + json.writeValueAsString(content))
                + (more.isEmpty() ? "" : "," + more) + "}";
    }

    private void assertClean(W3cFeedValidator validator, String... paths) throws Exception {
        for (String path : paths) {
            HttpResponse<byte[]> response = server.get(path);
            assertEquals(200, response.statusCode(), path);
            Optional<String> problems = validator.problems(server.uri(path).toString());
            assertTrue(problems.isEmpty(), path + ":\n" + problems.orElse("") + "\n" + FeedServer.text(response));
        }
    }
}
