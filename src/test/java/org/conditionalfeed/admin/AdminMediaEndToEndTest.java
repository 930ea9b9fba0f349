package org.conditionalfeed.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.conditionalfeed.testing.AdminBrowser;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.Jpegs;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The media pages of the administrator's UI over real HTTP: uploads through the session's
 * endpoint (CSRF token in a header, the API's checks), the list with its thumbnails, deletes.
 */
class AdminMediaEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;
    private FeedServer server;
    private AdminBrowser browser;

    @BeforeEach
    void start() {
        server = FeedServer.start(directory, Map.of("FEED_MEDIA_MAX_BYTES", "200000"));
        browser = new AdminBrowser(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anUploadWithTheSessionsTokenIsStoredAndListedWithItsThumbnail() throws Exception {
        String token = browser.logIn(FeedServer.ADMIN_PASSWORD);
        Document uploadPage = Jsoup.parse(browser.get("/admin/media/upload").body());
        Element form = uploadPage.getElementById("upload");
        assertNotNull(form, uploadPage.html());
        assertEquals("/admin/media/upload", form.attr("action"));
        assertEquals(token, form.selectFirst("input[name=csrf]").val());

        HttpResponse<String> uploaded = browser.upload("/admin/media/upload", token, "image/jpeg", "harbour view.jpg",
                Jpegs.photo(800, 600));
        assertEquals(201, uploaded.statusCode(), uploaded.body());
        JsonNode medium = JSON.readTree(uploaded.body());
        long id = medium.get("id").asLong();
        String url = medium.get("url").asText();
        assertTrue(url.startsWith(FeedServer.BASE_URL + "/media/") && url.endsWith("/" + id + "/harbour%20view.jpg"), url);

        JsonNode api = JSON.readTree(server.get("/api/media/" + id, "Authorization",
                org.conditionalfeed.testing.FeedClient.basic("admin", FeedServer.ADMIN_PASSWORD)).body());
        assertEquals(800, api.get("width").asInt());
        Document list = Jsoup.parse(browser.get("/admin/media/").body());
        Element row = list.selectFirst("tr:has(a[href=" + url + "])");
        assertNotNull(row, list.html());
        Element thumbnail = row.selectFirst("img");
        assertEquals(api.get("thumbnails").get("160").asText(), thumbnail.attr("src"));
        assertEquals("160", thumbnail.attr("width"));
        assertEquals("120", thumbnail.attr("height"));
        assertEquals("image/jpeg", row.selectFirst("td[data-label=Type]").text());
        assertTrue(row.selectFirst("td[data-label=Size]").text().endsWith(" KiB"), row.html());
        assertEquals(200, server.get(thumbnail.attr("src").substring(FeedServer.BASE_URL.length())).statusCode(),
                "the thumbnail URL is served");

        Document entryForm = Jsoup.parse(browser.get("/admin/new").body());
        Element choice = entryForm.selectFirst("#image-choice option");
        assertEquals(url, choice.val(), "the entry form offers the image");
        assertEquals("800", choice.attr("data-width"));
        assertEquals("600", choice.attr("data-height"));
        assertEquals("harbour view", choice.attr("data-alt"));
    }

    @Test
    void anUploadIsRefusedWithoutTheTokenOrFromAnotherSite() throws Exception {
        String token = browser.logIn(FeedServer.ADMIN_PASSWORD);
        byte[] photo = Jpegs.photo(40, 30);
        HttpResponse<String> noToken = browser.upload("/admin/media/upload", null, "image/jpeg", "a.jpg", photo);
        assertEquals(403, noToken.statusCode());
        assertTrue(noToken.body().contains("\"error\""), noToken.body());
        HttpResponse<String> wrongToken = browser.upload("/admin/media/upload", token.substring(1) + "x", "image/jpeg",
                "a.jpg", photo);
        assertEquals(403, wrongToken.statusCode());
        HttpResponse<String> stranger = new AdminBrowser(server).upload("/admin/media/upload", token, "image/jpeg",
                "a.jpg", photo);
        assertEquals(403, stranger.statusCode(), "no session, no upload");
        assertEquals("[]", new String(server.get("/api/media", "Authorization",
                org.conditionalfeed.testing.FeedClient.basic("admin", FeedServer.ADMIN_PASSWORD)).body(),
                StandardCharsets.UTF_8), "nothing was stored");
    }

    @Test
    void anUploadGetsTheApisChecks() throws Exception {
        String token = browser.logIn(FeedServer.ADMIN_PASSWORD);
        HttpResponse<String> html = browser.upload("/admin/media/upload", token, "image/svg+xml", "x.svg",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, html.statusCode(), html.body());
        assertTrue(JSON.readTree(html.body()).get("error").asText().length() > 10, html.body());
        HttpResponse<String> tooLarge = browser.upload("/admin/media/upload", token, "image/jpeg", "big.jpg",
                new byte[200_001]);
        assertEquals(413, tooLarge.statusCode(), tooLarge.body());
        assertTrue(tooLarge.body().contains("FEED_MEDIA_MAX_BYTES"), tooLarge.body());
        HttpResponse<String> badName = browser.upload("/admin/media/upload", token, "image/jpeg", "../a.jpg",
                Jpegs.photo(40, 30));
        assertEquals(400, badName.statusCode(), badName.body());
    }

    @Test
    void deletingFromTheListRemovesTheFile() throws Exception {
        String token = browser.logIn(FeedServer.ADMIN_PASSWORD);
        long id = JSON.readTree(browser.upload("/admin/media/upload", token, "image/jpeg", "gone.jpg",
                Jpegs.photo(60, 40)).body()).get("id").asLong();
        Document list = Jsoup.parse(browser.get("/admin/media/").body());
        Element form = list.selectFirst("form[action=/admin/media/delete/" + id + "]");
        assertNotNull(form, list.html());
        assertEquals(token, form.selectFirst("input[name=csrf]").val());

        assertEquals(403, browser.post("/admin/media/delete/" + id, "forged", Map.of()).statusCode());
        HttpResponse<String> deleted = browser.post("/admin/media/delete/" + id, token, Map.of());
        assertEquals(303, deleted.statusCode());
        assertEquals("/admin/media/", deleted.headers().firstValue("Location").orElseThrow());
        String after = browser.get("/admin/media/").body();
        assertTrue(after.contains("Deleted “gone.jpg”."), after);
        assertFalse(after.contains("/media/delete/" + id), after);
        assertEquals(404, server.get("/api/media/" + id, "Authorization",
                org.conditionalfeed.testing.FeedClient.basic("admin", FeedServer.ADMIN_PASSWORD)).statusCode());
        assertEquals(404, browser.post("/admin/media/delete/" + id, token, Map.of()).statusCode());
    }

    @Test
    void aPhotoTurnedByItsExifOrientationIsStoredUpright() throws Exception {
        String token = browser.logIn(FeedServer.ADMIN_PASSWORD);
        JsonNode turned = JSON.readTree(browser.upload("/admin/media/upload", token, "image/jpeg", "portrait.jpg",
                Jpegs.withOrientation(Jpegs.photo(400, 200), 6)).body());
        assertEquals(200, turned.get("width").asInt(), turned.toString());
        assertEquals(400, turned.get("height").asInt(), turned.toString());
        JsonNode mirrored = JSON.readTree(browser.upload("/admin/media/upload", token, "image/jpeg", "landscape.jpg",
                Jpegs.withOrientation(Jpegs.photo(400, 200), 2)).body());
        assertEquals(400, mirrored.get("width").asInt(), mirrored.toString());
        assertEquals(200, mirrored.get("height").asInt(), mirrored.toString());
    }
}
