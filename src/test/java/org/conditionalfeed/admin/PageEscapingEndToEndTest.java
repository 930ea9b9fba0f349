package org.conditionalfeed.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.conditionalfeed.testing.AdminBrowser;
import org.conditionalfeed.testing.FeedServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Markup in an entry's title and categories comes out of every page template as text: the
 * admin list, the edit form and the public entry page, each parsed as a browser would.
 */
class PageEscapingEndToEndTest {

    private static final String TITLE = "<script>alert(1)</script>";
    private static final String CATEGORY = "\"><img src=x onerror=alert(2)>";

    @TempDir
    Path directory;
    private FeedServer server;
    private long id;

    @BeforeEach
    void start() throws Exception {
        server = FeedServer.start(directory);
        id = server.createEntry(new ObjectMapper().writeValueAsString(
                Map.of("title", TITLE, "content", "<p>body</p>", "categories", List.of(CATEGORY))));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void adminListShowsTheTitleAsText() throws Exception {
        AdminBrowser browser = new AdminBrowser(server);
        browser.logIn(FeedServer.ADMIN_PASSWORD);
        String html = browser.get("/admin/").body();
        Document list = Jsoup.parse(html);
        assertEquals(TITLE, list.selectFirst("a[href=/admin/edit/" + id + "]").text());
        assertNoInjectedMarkup(list, html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
    }

    @Test
    void editFormKeepsTitleAndCategoryAsValues() throws Exception {
        AdminBrowser browser = new AdminBrowser(server);
        browser.logIn(FeedServer.ADMIN_PASSWORD);
        String html = browser.get("/admin/edit/" + id).body();
        Document form = Jsoup.parse(html);
        assertEquals(TITLE, form.getElementById("title").val());
        assertEquals(CATEGORY, form.getElementById("categories").val());
        assertNoInjectedMarkup(form, html);
        assertTrue(html.contains("value=\"&lt;script>alert(1)&lt;/script>\""), html);
        assertTrue(html.contains(">\n\"&gt;&lt;img src=x onerror=alert(2)&gt;</textarea>"), html);
    }

    @Test
    void entryPageShowsTitleAndCategoryAsText() {
        String html = new String(server.get("/entries/" + id).body(), StandardCharsets.UTF_8);
        Document page = Jsoup.parse(html);
        assertEquals(TITLE, page.selectFirst("h1").text());
        assertEquals(TITLE + " - conditional-feed", page.title());
        assertEquals(CATEGORY, page.selectFirst("span.category").text());
        assertNoInjectedMarkup(page, html);
        assertTrue(html.contains("<span class=\"category\">\"&gt;&lt;img src=x onerror=alert(2)&gt;</span>"), html);
    }

    /** No script but the admin pages' own script file, no element with an event handler, no injected image. */
    private static void assertNoInjectedMarkup(Document document, String html) {
        assertTrue(document.select("script").stream().allMatch(script -> script.hasAttr("src") && script.data().isEmpty()),
                html);
        assertTrue(document.select("[onerror]").isEmpty(), html);
        assertTrue(document.select("img[src=x]").isEmpty(), html);
        assertFalse(html.contains("<script>alert"), html);
    }
}
