package org.conditionalfeed.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.conditionalfeed.testing.AdminBrowser;
import org.conditionalfeed.testing.FeedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The entry form sent as a browser sends it ({@code multipart/form-data}): it takes every entry
 * the API takes, however large, keeps categories exactly, and refuses a larger form with a page
 * that says so rather than an expired form.
 */
class AdminFormsEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CJK = "\u6f22";

    @TempDir
    static Path directory;
    private static FeedServer server;
    private AdminBrowser browser;

    @BeforeAll
    static void start() {
        server = FeedServer.start(directory);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void newBrowser() {
        browser = new AdminBrowser(server);
    }

    @Test
    void theFormIsMultipartAndTakesAMillionCjkCharacters() throws Exception {
        String token = browser.logIn(FeedServer.ADMIN_PASSWORD);
        String form = browser.get("/admin/new").body();
        assertTrue(form.contains("enctype=\"multipart/form-data\""), form);
        assertTrue(form.contains("data-max-content=\"1000000\""), form);

        String content = CJK.repeat(EntryForm.MAX_CONTENT);
        HttpResponse<String> saved = browser.postMultipart("/admin/new", token,
                Map.of("title", "A million characters", "content", content, "action", "save"));
        assertEquals(303, saved.statusCode(), saved.body());
        JsonNode entry = newest();
        assertEquals("A million characters", entry.get("title").asText());
        assertEquals(content, entry.get("content").asText(), "the content arrived whole");

        HttpResponse<String> edit = browser.get("/admin/edit/" + entry.get("id").asLong());
        assertEquals(200, edit.statusCode());
        assertTrue(edit.body().contains(">\n" + content + "</textarea>"), "the edit form shows it all");
    }

    @Test
    void contentOverTheLimitComesBackWithTheTextAndTheProblem() throws Exception {
        String token = browser.logIn(FeedServer.ADMIN_PASSWORD);
        String content = "x".repeat(EntryForm.MAX_CONTENT + 1);
        HttpResponse<String> refused = browser.postMultipart("/admin/new", token,
                Map.of("title", "One too many", "content", content, "action", "save"));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("id=\"content-error\""), "the problem is beside the field");
        assertTrue(refused.body().contains(">\n" + content + "</textarea>"), "the text is still in the form");
    }

    @Test
    void aFormLargerThanTheServerTakesIsRefusedWithAPageSayingSo() throws Exception {
        String token = browser.logIn(FeedServer.ADMIN_PASSWORD);
        int before = entryCount();
        HttpResponse<String> refused = browser.postMultipart("/admin/new", token,
                Map.of("title", "Far too long", "content", CJK.repeat(1_500_000), "action", "save"));
        assertEquals(413, refused.statusCode());
        assertTrue(refused.body().contains("1,000,000 characters"), refused.body());
        assertFalse(refused.body().contains("Form expired"), refused.body());
        assertEquals(before, entryCount());

        HttpResponse<String> urlEncoded = browser.post("/admin/new", token,
                Map.of("title", "Small form, large content", "content", "x".repeat(100_000), "action", "save"));
        assertEquals(413, urlEncoded.statusCode());
        assertEquals(before, entryCount());
    }

    @Test
    void aStrangersMultipartPostIsRefusedUnread() throws Exception {
        HttpResponse<String> refused = browser.postMultipart("/admin/new", "no-session",
                Map.of("title", "Anonymous", "content", "x".repeat(3_000_000), "action", "save"));
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("Log in again"), refused.body());
    }

    @Test
    void categoriesRoundTripExactlyThroughTheEditForm() throws Exception {
        List<String> categories = List.of("a,b", "c, d", "\u00e9t\u00e9 \ud83d\ude00", "x;y \"quoted\"");
        long id = server.createEntry(JSON.writeValueAsString(Map.of("title", "Tagged", "content", "\nstarts with a break",
                "categories", categories)));
        String token = browser.logIn(FeedServer.ADMIN_PASSWORD);
        String form = browser.get("/admin/edit/" + id).body();
        assertTrue(form.contains("name=\"categories\" rows=\"3\">\na,b\nc, d\n\u00e9t\u00e9 \ud83d\ude00\nx;y \"quoted\""
                + "</textarea>"), form);
        assertTrue(form.contains("name=\"content\" rows=\"12\">\n\nstarts with a break</textarea>"), form);

        // What a browser sends back for these two text areas: their values with CR LF line breaks.
        HttpResponse<String> saved = browser.postMultipart("/admin/edit/" + id, token, Map.of("title", "Tagged",
                "categories", String.join("\r\n", categories), "content", "\nstarts with a break", "action", "save"));
        assertEquals(303, saved.statusCode(), saved.body());
        JsonNode entry = JSON.readTree(server.api("GET", "/api/entries/" + id, null).body());
        assertEquals(categories, JSON.convertValue(entry.get("categories"), List.class));
        assertEquals("\nstarts with a break", entry.get("content").asText());
    }

    private JsonNode newest() throws Exception {
        return JSON.readTree(server.api("GET", "/api/entries?limit=1", null).body()).get(0);
    }

    private int entryCount() throws Exception {
        return JSON.readTree(server.api("GET", "/api/entries?limit=100", null).body()).size();
    }
}
