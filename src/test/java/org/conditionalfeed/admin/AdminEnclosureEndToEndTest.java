package org.conditionalfeed.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.conditionalfeed.testing.AdminBrowser;
import org.conditionalfeed.testing.FeedClient;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.Jpegs;
import org.conditionalfeed.testing.Mp3s;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The entry form's choice of enclosure over real HTTP: it offers the library's audio, video and
 * PDF files, sets and clears the entry's enclosure (and with it the feed's validators), shows the
 * current one selected, and refuses a choice that is not in the library with a message beside
 * the field, changing nothing.
 */
class AdminEnclosureEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;
    private FeedServer server;
    private AdminBrowser browser;
    private String token;

    @BeforeEach
    void start() throws Exception {
        server = FeedServer.start(directory);
        browser = new AdminBrowser(server);
        token = browser.logIn(FeedServer.ADMIN_PASSWORD);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anEnclosureChosenInTheFormGoesIntoTheFeedAndNoneTakesItOut() throws Exception {
        byte[] mp3 = Mp3s.silence(40);
        JsonNode episode = uploaded(mp3, "audio/mpeg", "episode-1.mp3");
        long mediaId = episode.get("id").asLong();
        long photo = uploaded(Jpegs.photo(40, 30), "image/jpeg", "cover.jpg").get("id").asLong();

        Document blank = Jsoup.parse(browser.get("/admin/new").body());
        Element select = blank.selectFirst("select#enclosure[name=enclosure]");
        assertNotNull(select, blank.html());
        assertEquals("Enclosure (podcast episode or attachment)", blank.selectFirst("label[for=enclosure]").text());
        assertEquals("", select.selectFirst("option[selected]").val(), "a new entry has None selected");
        assertEquals("None", select.selectFirst("option[selected]").text());
        Element offered = select.selectFirst("option[value=" + mediaId + "]");
        assertNotNull(offered, select.outerHtml());
        assertTrue(offered.text().startsWith("episode-1.mp3 (audio/mpeg, 16.3 KiB, "), offered.text());
        assertNull(select.selectFirst("option[value=" + photo + "]"), "an image is offered for the content, not here");
        assertTrue(blank.getElementById("enclosure-hint").text().contains("100 newest audio, video and PDF files"),
                blank.getElementById("enclosure-hint").text());

        String emptyFeed = FeedClient.etag(server.get("/feed.xml"));
        HttpResponse<String> created = save("/admin/new", "Episode 1", String.valueOf(mediaId));
        assertEquals(303, created.statusCode(), created.body());
        long entryId = newest().get("id").asLong();
        assertEquals(mediaId, newest().get("enclosure").asLong());
        HttpResponse<byte[]> withEnclosure = server.get("/feed.xml");
        String xml = FeedClient.text(withEnclosure);
        assertTrue(xml.contains("<enclosure url=\"" + episode.get("url").asText() + "\" length=\"" + mp3.length
                + "\" type=\"audio/mpeg\" />"), xml);
        String enclosed = FeedClient.etag(withEnclosure);
        assertNotEquals(emptyFeed, enclosed);

        Element current = Jsoup.parse(browser.get("/admin/edit/" + entryId).body())
                .selectFirst("select#enclosure option[selected]");
        assertEquals(String.valueOf(mediaId), current.val(), "the edit form shows the current enclosure");

        HttpResponse<String> cleared = save("/admin/edit/" + entryId, "Episode 1", "");
        assertEquals(303, cleared.statusCode(), cleared.body());
        assertTrue(newest().get("enclosure").isNull(), newest().toString());
        HttpResponse<byte[]> without = server.get("/feed.xml");
        assertFalse(FeedClient.text(without).contains("<enclosure"), FeedClient.text(without));
        assertNotEquals(enclosed, FeedClient.etag(without), "clearing the enclosure moves the validators");
        assertEquals("", Jsoup.parse(browser.get("/admin/edit/" + entryId).body())
                .selectFirst("select#enclosure option[selected]").val(), "None is selected again");
    }

    @Test
    void aChoiceNotInTheLibraryIsRefusedBesideTheFieldAndChangesNothing() throws Exception {
        long mediaId = uploaded(Mp3s.silence(5), "audio/mpeg", "kept.mp3").get("id").asLong();
        long entryId = server.createEntry("{\"title\":\"Kept\",\"enclosure\":" + mediaId + "}");
        JsonNode before = entry(entryId);
        String etag = FeedClient.etag(server.get("/feed.xml"));

        for (String bogus : List.of("abc", "-1", "0", "1.5", "99999999999999999999", "999999")) {
            HttpResponse<String> refused = save("/admin/edit/" + entryId, "Changed", bogus);
            assertEquals(400, refused.statusCode(), bogus + ": " + refused.body());
            Document page = Jsoup.parse(refused.body());
            Element problem = page.getElementById("enclosure-error");
            assertNotNull(problem, bogus + ": " + refused.body());
            assertTrue(problem.text().contains("media library"), problem.text());
            assertEquals("true", page.getElementById("enclosure").attr("aria-invalid"));
            assertEquals(String.valueOf(mediaId), page.selectFirst("select#enclosure option[selected]").val(),
                    bogus + ": the form shows the enclosure the entry still has");
            assertEquals("Changed", page.getElementById("title").val(), "what was typed stays in the form");
        }
        HttpResponse<String> newEntry = save("/admin/new", "Never written", "424242");
        assertEquals(400, newEntry.statusCode(), newEntry.body());
        assertTrue(newEntry.body().contains("file 424242"), newEntry.body());
        assertEquals(before, entry(entryId), "the entry is unchanged");
        assertEquals(1, JSON.readTree(server.api("GET", "/api/entries", null).body()).size(), "no entry was created");
        assertEquals(etag, FeedClient.etag(server.get("/feed.xml")), "the feed is unchanged");
    }

    @Test
    void aFileDeletedBetweenTheFormAndItsPostIsRefusedWithTheSameMessage() throws Exception {
        long entryId = server.createEntry("{\"title\":\"Plain\"}");
        long doomed = uploaded(Mp3s.silence(3), "audio/mpeg", "doomed.mp3").get("id").asLong();
        assertNotNull(Jsoup.parse(browser.get("/admin/edit/" + entryId).body())
                .selectFirst("select#enclosure option[value=" + doomed + "]"));
        assertEquals(204, server.api("DELETE", "/api/media/" + doomed, null).statusCode());

        HttpResponse<String> refused = save("/admin/edit/" + entryId, "Plain", String.valueOf(doomed));
        assertEquals(400, refused.statusCode(), refused.body());
        Document page = Jsoup.parse(refused.body());
        assertTrue(page.getElementById("enclosure-error").text().contains("(file " + doomed + ") is not in the media"
                + " library"), refused.body());
        assertEquals("", page.selectFirst("select#enclosure option[selected]").val());
        assertTrue(entry(entryId).get("enclosure").isNull());
    }

    @Test
    void theCurrentEnclosureIsOfferedEvenWhenOlderThanTheNewestOrAnImage() throws Exception {
        long oldest = uploaded(Mp3s.silence(1), "audio/mpeg", "oldest.mp3").get("id").asLong();
        for (int i = 0; i < AdminMedia.ENCLOSURE_CHOICES; i++) {
            uploaded(Mp3s.silence(1), "audio/mpeg", "newer-" + i + ".mp3");
        }
        long old = server.createEntry("{\"title\":\"Old episode\",\"enclosure\":" + oldest + "}");
        long photo = uploaded(Jpegs.photo(20, 20), "image/jpeg", "attached.jpg").get("id").asLong();
        long pictured = server.createEntry("{\"title\":\"Picture\",\"enclosure\":" + photo + "}");

        Element offeredToNew = Jsoup.parse(browser.get("/admin/new").body()).selectFirst("select#enclosure");
        assertEquals(AdminMedia.ENCLOSURE_CHOICES + 1, offeredToNew.select("option").size(), "None and the newest");
        assertNull(offeredToNew.selectFirst("option[value=" + oldest + "]"));

        Element offeredToOld = Jsoup.parse(browser.get("/admin/edit/" + old).body()).selectFirst("select#enclosure");
        assertEquals(AdminMedia.ENCLOSURE_CHOICES + 2, offeredToOld.select("option").size());
        assertEquals(String.valueOf(oldest), offeredToOld.selectFirst("option[selected]").val());
        assertEquals(String.valueOf(photo), Jsoup.parse(browser.get("/admin/edit/" + pictured).body())
                .selectFirst("select#enclosure option[selected]").val());

        HttpResponse<String> kept = save("/admin/edit/" + old, "Old episode, retitled", String.valueOf(oldest));
        assertEquals(303, kept.statusCode(), kept.body());
        assertEquals(oldest, entry(old).get("enclosure").asLong());
        assertEquals("Old episode, retitled", entry(old).get("title").asText());
    }

    @Test
    void aFormWithoutTheFieldKeepsTheEnclosure() throws Exception {
        long mediaId = uploaded(Mp3s.silence(2), "audio/mpeg", "kept.mp3").get("id").asLong();
        long entryId = server.createEntry("{\"title\":\"Kept\",\"enclosure\":" + mediaId + "}");
        HttpResponse<String> saved = browser.postMultipart("/admin/edit/" + entryId, token,
                Map.of("title", "Kept, retitled", "action", "save"));
        assertEquals(303, saved.statusCode(), saved.body());
        assertEquals(mediaId, entry(entryId).get("enclosure").asLong());
        assertEquals("Kept, retitled", entry(entryId).get("title").asText());
    }

    /** Posts the entry form as a browser does, with this title and enclosure. */
    private HttpResponse<String> save(String path, String title, String enclosure) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("title", title);
        fields.put("link", "");
        fields.put("author", "");
        fields.put("categories", "");
        fields.put("content", "<p>Show notes</p>");
        fields.put("enclosure", enclosure);
        fields.put("action", "save");
        return browser.postMultipart(path, token, fields);
    }

    /** {@code POST /api/media} as the administrator, asserting {@code 201}; the medium's JSON. */
    private JsonNode uploaded(byte[] file, String type, String filename) throws Exception {
        HttpResponse<byte[]> response = server.send(server.request("/api/media",
                        "Authorization", FeedClient.basic("admin", FeedServer.ADMIN_PASSWORD), "Content-Type", type,
                        "Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build());
        assertEquals(201, response.statusCode(), FeedClient.text(response));
        return JSON.readTree(response.body());
    }

    private JsonNode entry(long id) throws Exception {
        return JSON.readTree(server.api("GET", "/api/entries/" + id, null).body());
    }

    private JsonNode newest() throws Exception {
        return JSON.readTree(server.api("GET", "/api/entries?limit=1", null).body()).get(0);
    }
}
