package org.conditionalfeed.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.conditionalfeed.testing.FeedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No HTTP session exists before a successful login: a stranger's requests to the admin pages
 * cost no server memory that outlives them. Counts the sessions through Tomcat's own session
 * manager (its JMX bean) and checks that no session cookie is ever issued before login.
 */
class AdminSessionEndToEndTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern LOGIN_COOKIE = Pattern.compile("feed_admin_csrf=([^;]+)");
    private static final Pattern SESSION_COOKIE = Pattern.compile("feed_admin_session=([^;]+)");

    @TempDir
    Path directory;
    private FeedServer server;
    /** Sends exactly the cookies a test gives it: each request is a stranger's unless it says otherwise. */
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() {
        server = FeedServer.start(directory);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void cookielessAdminRequestsCreateNoSession() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertNoSessionCookie(send(get("/admin/login")), 200);
            assertNoSessionCookie(send(get("/admin/")), 303);
            assertNoSessionCookie(send(get("/admin/edit/1")), 303);
            assertNoSessionCookie(send(form("/admin/new", "title=x&csrf=y")), 403);
            assertNoSessionCookie(send(form("/admin/login", "username=admin&password=x&csrf=y")), 403);
            assertNoSessionCookie(send(HttpRequest.newBuilder(server.uri("/admin/login"))
                    .method("DELETE", HttpRequest.BodyPublishers.noBody()).build()), 405);
            assertNoSessionCookie(send(HttpRequest.newBuilder(server.uri("/admin/new"))
                    .method("PUT", HttpRequest.BodyPublishers.noBody()).build()), 405);
        }
        assertEquals(0, sessionsCreated(), "sessions created by strangers' requests");
    }

    @Test
    void wrongPasswordCreatesNoSession() throws Exception {
        HttpResponse<String> page = send(get("/admin/login"));
        HttpResponse<String> failed = send(login(page, "wrong password", loginCookie(page)));
        assertEquals(401, failed.statusCode());
        assertNoSessionCookie(failed, 401);
        assertEquals(0, sessionsCreated());
    }

    @Test
    void loginWithTheFormCreatesTheOnlySession() throws Exception {
        HttpResponse<String> page = send(get("/admin/login"));
        String loginCookie = loginCookie(page);
        assertTrue(page.body().contains("value=\"" + loginCookie + "\""), "the form carries the cookie's token");
        HttpResponse<String> login = send(login(page, FeedServer.ADMIN_PASSWORD, loginCookie));
        assertEquals(303, login.statusCode(), login.body());
        String session = sessionCookie(login);
        assertEquals(1, sessionsCreated());

        HttpResponse<String> list = send(HttpRequest.newBuilder(server.uri("/admin/"))
                .header("Cookie", "feed_admin_session=" + session).build());
        assertEquals(200, list.statusCode());
        assertTrue(list.body().contains("<h1>Entries</h1>"), list.body());
        assertEquals(1, sessionsCreated());
    }

    @Test
    void aSessionIdPlantedBeforeLoginIsNotAdopted() throws Exception {
        HttpResponse<String> page = send(get("/admin/login"));
        HttpRequest login = HttpRequest.newBuilder(server.uri("/admin/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "feed_admin_csrf=" + loginCookie(page) + "; feed_admin_session=PLANTED0123456789")
                .POST(HttpRequest.BodyPublishers.ofString(loginBody(token(page), FeedServer.ADMIN_PASSWORD))).build();
        HttpResponse<String> response = send(login);
        assertEquals(303, response.statusCode());
        assertNotEquals("PLANTED0123456789", sessionCookie(response));
    }

    @Test
    void loginWithoutTheCookieOrWithAnotherTokenIsRefused() throws Exception {
        HttpResponse<String> page = send(get("/admin/login"));
        String cookie = loginCookie(page);
        HttpResponse<String> noCookie = send(login(page, FeedServer.ADMIN_PASSWORD, null));
        assertEquals(403, noCookie.statusCode());
        HttpResponse<String> otherCookie = send(login(page, FeedServer.ADMIN_PASSWORD,
                loginCookie(send(get("/admin/login")))));
        assertEquals(403, otherCookie.statusCode());
        HttpResponse<String> missingField = send(HttpRequest.newBuilder(server.uri("/admin/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "feed_admin_csrf=" + cookie)
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password="
                        + URLEncoder.encode(FeedServer.ADMIN_PASSWORD, StandardCharsets.UTF_8))).build());
        assertEquals(403, missingField.statusCode());
        HttpResponse<String> crossSite = send(HttpRequest.newBuilder(server.uri("/admin/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "feed_admin_csrf=" + cookie)
                .header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(loginBody(cookie, FeedServer.ADMIN_PASSWORD))).build());
        assertEquals(403, crossSite.statusCode());
        for (HttpResponse<String> refused : new HttpResponse[] {noCookie, otherCookie, missingField, crossSite}) {
            assertNoSessionCookie(refused, 403);
        }
        assertEquals(0, sessionsCreated());
    }

    private HttpRequest login(HttpResponse<String> page, String password, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/admin/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(loginBody(token(page), password)));
        if (cookie != null) {
            request.header("Cookie", "feed_admin_csrf=" + cookie);
        }
        return request.build();
    }

    private static String loginBody(String token, String password) {
        return "username=admin&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&csrf=" + token;
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(server.uri(path)).build();
    }

    private HttpRequest form(String path, String body) {
        return HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void assertNoSessionCookie(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.request().method() + " " + response.uri());
        assertFalse(response.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("feed_admin_session=")),
                () -> response.request().method() + " " + response.uri() + " set " + response.headers().allValues("Set-Cookie"));
    }

    private static String token(HttpResponse<String> page) {
        Matcher matcher = CSRF.matcher(page.body());
        assertTrue(matcher.find(), "no CSRF token in " + page.body());
        return matcher.group(1);
    }

    private static String loginCookie(HttpResponse<String> response) {
        return cookieValue(response, LOGIN_COOKIE);
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return cookieValue(response, SESSION_COOKIE);
    }

    private static String cookieValue(HttpResponse<String> response, Pattern pattern) {
        for (String value : response.headers().allValues("Set-Cookie")) {
            Matcher matcher = pattern.matcher(value);
            if (matcher.lookingAt()) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("no " + pattern + " in " + response.headers().allValues("Set-Cookie"));
    }

    /** Sessions Tomcat's session manager has created since the server started. */
    private static long sessionsCreated() throws Exception {
        MBeanServer beans = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> managers = beans.queryNames(new ObjectName("*:type=Manager,*"), null);
        assertEquals(1, managers.size(), "one session manager: " + managers);
        return ((Number) beans.getAttribute(managers.iterator().next(), "sessionCounter")).longValue();
    }
}
