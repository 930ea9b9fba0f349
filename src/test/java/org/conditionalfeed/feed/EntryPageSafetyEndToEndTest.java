package org.conditionalfeed.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.RunningFeedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An entry page whose content tries to take over the reader's browser: it cannot navigate, submit,
 * re-base or run anything, while the administrator's text is kept exactly as written.
 */
class EntryPageSafetyEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSTILE = "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">"
            + "<base href=\"https://evil.example/\"><script>alert(1)</script>"
            + "<form action=\"https://evil.example/\"><input name=\"q\"></form>"
            + "<iframe src=\"https://evil.example/\"></iframe><img src=\"pic.png\" onerror=\"alert(1)\">"
            + "<a href=\"/about\">About</a><p>Kept text</p>";

    @RegisterExtension
    static final RunningFeedServer RUNNING = RunningFeedServer.with(Map.of());

    private static FeedServer server() {
        return RUNNING.server();
    }

    @Test
    void policyForbidsFormsAndBaseAndContentCannotNavigate() throws Exception {
        long id = server().createEntry(JSON.writeValueAsString(Map.of("title", "Hostile", "content", HOSTILE)));
        HttpResponse<byte[]> page = server().get("/entries/" + id);
        assertEquals(200, page.statusCode());
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(policy.contains("form-action 'none'"), policy);
        assertTrue(policy.contains("base-uri 'none'"), policy);
        assertTrue(policy.contains("default-src 'none'"), policy);

        String html = FeedServer.text(page);
        String lower = html.toLowerCase(Locale.ROOT);
        for (String forbidden : new String[] {"http-equiv", "<base", "<script", "<form", "<input", "<iframe", "onerror",
                "evil.example"}) {
            assertFalse(lower.contains(forbidden), forbidden + " in " + html);
        }
        assertTrue(html.contains("<p>Kept text</p>"), html);
        assertTrue(html.contains("<a href=\"https://blog.example.org/about\">About</a>"), html);
        assertTrue(html.contains("<img src=\"https://blog.example.org/news/pic.png\">"), html);
    }

    @Test
    void theStoredContentIsWhatTheAdministratorWrote() throws Exception {
        long id = server().createEntry(JSON.writeValueAsString(Map.of("title", "Stored", "content", HOSTILE)));
        assertEquals(200, server().get("/entries/" + id).statusCode());
        assertEquals(HOSTILE, JSON.readTree(server().api("GET", "/api/entries/" + id, null).body()).get("content").asText());
    }
}
