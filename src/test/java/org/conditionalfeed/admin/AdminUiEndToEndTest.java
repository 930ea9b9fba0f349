package org.conditionalfeed.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.conditionalfeed.testing.FeedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The administrator's web UI over real HTTP, as a browser without JavaScript would use it. */
class AdminUiEndToEndTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern SESSION = Pattern.compile("feed_admin_session=([^;]+)");

    @TempDir
    static Path directory;
    private static FeedServer server;
    private HttpClient browser;

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
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Test
    void loginSetsAHardenedCookieAndANewSessionId() throws Exception {
        HttpResponse<String> loginPage = get("/admin/login");
        String csrfCookie = loginPage.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(csrfCookie.startsWith("feed_admin_csrf="), csrfCookie);
        assertTrue(csrfCookie.contains("HttpOnly"), csrfCookie);
        assertTrue(csrfCookie.contains("SameSite=Strict"), csrfCookie);
        assertFalse(csrfCookie.contains("Secure"), "plain HTTP: " + csrfCookie);

        HttpResponse<String> login = post("/admin/login", token(loginPage),
                Map.of("username", "admin", "password", FeedServer.ADMIN_PASSWORD), null);
        assertEquals(303, login.statusCode());
        assertEquals("/admin/", login.headers().firstValue("Location").orElseThrow());
        String setCookie = sessionSetCookie(login);
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertFalse(setCookie.contains("Secure"), "plain HTTP: " + setCookie);
        String before = cookie(login);
        assertEquals(200, get("/admin/").statusCode());

        assertEquals("/admin/", get("/admin/login").headers().firstValue("Location").orElseThrow(),
                "logged in, the login page leads to the entries");
        HttpResponse<String> again = post("/admin/login", token(loginPage),
                Map.of("username", "admin", "password", FeedServer.ADMIN_PASSWORD), null);
        assertEquals(303, again.statusCode());
        assertNotEquals(before, cookie(again), "the session id must change at login");
        assertEquals(200, get("/admin/").statusCode());
    }

    @Test
    void wrongPasswordKeepsTheUserNameAndSaysWhy() throws Exception {
        HttpResponse<String> loginPage = get("/admin/login");
        HttpResponse<String> failed = post("/admin/login", token(loginPage),
                Map.of("username", "admin\"><b>", "password", "nope"), null);
        assertEquals(401, failed.statusCode());
        assertTrue(failed.body().contains("Wrong user name or password."));
        assertTrue(failed.body().contains("value=\"admin&#34;>&lt;b>\""), failed.body());
    }

    @Test
    void adminPagesCarrySecurityHeaders() throws Exception {
        HttpResponse<String> page = get("/admin/login");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"), policy);
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertTrue(page.headers().firstValue("Referrer-Policy").isPresent());
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElseThrow());
        assertFalse(page.body().contains("<script>"), "no inline script");
        assertFalse(page.body().contains("style="), "no inline style");
    }

    @Test
    void writeEditAndDeleteThroughTheForms() throws Exception {
        String token = logIn();
        HttpResponse<String> invalid = post("/admin/new", token,
                Map.of("title", "", "link", "javascript:alert(1)", "content", "<p>kept</p>", "action", "save"), null);
        assertEquals(400, invalid.statusCode());
        assertTrue(invalid.body().contains("id=\"title-error\""), invalid.body());
        assertTrue(invalid.body().contains("id=\"link-error\""), invalid.body());
        assertTrue(invalid.body().contains("&lt;p&gt;kept&lt;/p&gt;</textarea>"), "typed content is kept");

        HttpResponse<String> preview = post("/admin/new", token,
                Map.of("title", "Draft", "content", "<p>Look</p>", "action", "preview"), null);
        assertEquals(200, preview.statusCode());
        assertTrue(preview.body().contains("sandbox=\"\"") && preview.body().contains("srcdoc=\"&lt;p>Look&lt;/p>\""), preview.body());

        HttpResponse<String> created = post("/admin/new", token,
                Map.of("title", "Written in the browser", "categories", "a\r\nb", "content", "<p>Hi</p>", "action", "save"),
                null);
        assertEquals(303, created.statusCode());
        HttpResponse<String> list = get("/admin/");
        assertTrue(list.body().contains("Published “Written in the browser”."), list.body());
        Matcher edit = Pattern.compile("href=\"/admin/edit/(\\d+)\">Written in the browser<").matcher(list.body());
        assertTrue(edit.find(), list.body());
        String id = edit.group(1);
        assertFalse(get("/admin/").body().contains("Published “"), "a message shows once");

        assertEquals(303, post("/admin/edit/" + id, token, Map.of("title", "Edited", "action", "save"), null).statusCode());
        assertTrue(FeedServer.text(server.get("/feed.xml")).contains("<title>Edited</title>"));

        assertTrue(get("/admin/delete/" + id).body().contains("Delete this entry?"));
        assertEquals(303, post("/admin/delete/" + id, token, Map.of(), null).statusCode());
        assertFalse(FeedServer.text(server.get("/feed.xml")).contains("<title>Edited</title>"));
        assertEquals(404, get("/admin/edit/" + id).statusCode());
    }

    @Test
    void postWithoutTheTokenChangesNothing() throws Exception {
        logIn();
        HttpResponse<String> forged = post("/admin/new", "forged-token", Map.of("title", "Forged", "action", "save"), null);
        assertEquals(403, forged.statusCode());
        HttpResponse<String> missing = browser.send(HttpRequest.newBuilder(server.uri("/admin/new"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("title=Forged&action=save")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, missing.statusCode());
        assertFalse(FeedServer.text(server.get("/feed.xml")).contains("Forged"));
    }

    @Test
    void crossSitePostIsRefusedEvenWithTheToken() throws Exception {
        String token = logIn();
        assertEquals(403, post("/admin/new", token, Map.of("title", "Cross", "action", "save"),
                "https://evil.example").statusCode());
        assertFalse(FeedServer.text(server.get("/feed.xml")).contains("Cross"));
        assertEquals(303, post("/admin/new", token, Map.of("title", "Same origin", "action", "save"),
                "http://127.0.0.1:" + server.uri("/").getPort()).statusCode());
    }

    @Test
    void scriptInEntriesShowsAsText() throws Exception {
        server.createEntry("{\"title\":\"<script>alert(1)</script>\",\"author\":\"<img src=x onerror=alert(1)>\"}");
        logIn();
        String list = get("/admin/").body();
        assertTrue(list.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), list);
        assertFalse(list.contains("<script>alert(1)"), list);
    }

    @Test
    void loggedOutUsersAreSentToTheLoginPage() throws Exception {
        assertEquals("/admin/login", get("/admin/new").headers().firstValue("Location").orElseThrow());
        String token = logIn();
        assertEquals(303, post("/admin/logout", token, Map.of(), null).statusCode());
        assertEquals("/admin/login", get("/admin/").headers().firstValue("Location").orElseThrow());
    }

    @Test
    void assetsAreVersionedImmutableAndRevalidated() throws Exception {
        Matcher css = Pattern.compile("href=\"(/assets/admin\\.[0-9a-f]{10}\\.css)\"").matcher(get("/admin/login").body());
        assertTrue(css.find());
        HttpResponse<byte[]> asset = server.get(css.group(1));
        assertEquals(200, asset.statusCode());
        assertEquals("public, max-age=31536000, immutable", asset.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(asset.headers().firstValue("Content-Type").orElseThrow().startsWith("text/css"));
        String etag = asset.headers().firstValue("ETag").orElseThrow();
        assertTrue(etag.startsWith("\""), "strong: " + etag);
        assertEquals(304, server.get(css.group(1), "If-None-Match", etag).statusCode());
        assertEquals("gzip", server.get(css.group(1), "Accept-Encoding", "gzip").headers()
                .firstValue("Content-Encoding").orElseThrow());
        assertEquals(404, server.get("/assets/admin.0123456789.css").statusCode());
        assertEquals(404, server.get("/assets/admin.css").statusCode());
    }

    private String logIn() throws Exception {
        HttpResponse<String> login = post("/admin/login", token(get("/admin/login")),
                Map.of("username", "admin", "password", FeedServer.ADMIN_PASSWORD), null);
        assertEquals(303, login.statusCode(), login.body());
        return token(get("/admin/"));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, Map<String, String> fields, String origin)
            throws Exception {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("csrf", token);
        String body = form.entrySet().stream().map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(HttpResponse<String> page) {
        Matcher matcher = CSRF.matcher(page.body());
        assertTrue(matcher.find(), "no CSRF token in " + page.body());
        return matcher.group(1);
    }

    private static String cookie(HttpResponse<String> response) {
        Matcher matcher = SESSION.matcher(sessionSetCookie(response));
        assertTrue(matcher.find());
        return matcher.group(1);
    }

    private static String sessionSetCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(value -> value.startsWith("feed_admin_session="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie in " + response.headers().map()));
    }
}
