package org.conditionalfeed.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.conditionalfeed.testing.AccessLog;
import org.conditionalfeed.testing.FeedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code X-Forwarded-For} and {@code X-Forwarded-Proto}: believed from the proxies named in
 * {@code FEED_TRUSTED_PROXIES}, ignored from everyone when it is unset. Seen by the login
 * throttle, the access log and the session cookie.
 */
class TrustedProxiesEndToEndTest {

    private static final String GUESSER = "203.0.113.1";
    private static final String ADMINISTRATOR = "198.51.100.2";
    /** More wrong guesses than are free, one after another: the last ones are refused. */
    private static final int GUESSES = 8;
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @TempDir
    Path directory;
    private FeedServer server;
    private final AccessLog accessLog = AccessLog.capture();

    @AfterEach
    void stop() {
        accessLog.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void behindATrustedProxyEachForwardedClientIsThrottledAlone() throws Exception {
        server = FeedServer.start(directory, Map.of("FEED_TRUSTED_PROXIES", "127.0.0.1"));
        assertEquals(429, lockOut(GUESSER), "the guesser is locked out");

        assertEquals(401, entries(ADMINISTRATOR, "typo").statusCode(), "another client is still checked");
        assertEquals(200, entries(ADMINISTRATOR, FeedServer.ADMIN_PASSWORD).statusCode(),
                "the administrator is not locked out by the guesser");
        assertEquals(429, entries(GUESSER, FeedServer.ADMIN_PASSWORD).statusCode(), "the guesser still is");

        List<AccessLog.Request> logged = accessLog.await(request -> request.target().equals("/api/entries"),
                GUESSES + 3);
        assertEquals(GUESSES + 3, logged.size());
        assertEquals(GUESSES + 1, logged.stream().filter(request -> request.client().equals(GUESSER)).count());
        assertEquals(2, logged.stream().filter(request -> request.client().equals(ADMINISTRATOR)).count());
    }

    @Test
    void behindATrustedProxyForwardedHttpsMakesTheSessionCookieSecure() throws Exception {
        server = FeedServer.start(directory, Map.of("FEED_TRUSTED_PROXIES", "127.0.0.1"));
        String overHttps = sessionCookieOfLogin("https");
        assertTrue(overHttps.contains("Secure"), overHttps);
        String overHttp = sessionCookieOfLogin("http");
        assertFalse(overHttp.contains("Secure"), overHttp);
    }

    @Test
    void withoutTrustedProxiesForwardingHeadersAreIgnored() throws Exception {
        server = FeedServer.start(directory);
        String spoofedHttps = sessionCookieOfLogin("https");
        assertFalse(spoofedHttps.contains("Secure"), "plain HTTP, whatever X-Forwarded-Proto says: " + spoofedHttps);

        assertEquals(429, lockOut(GUESSER));
        assertEquals(429, entries(ADMINISTRATOR, FeedServer.ADMIN_PASSWORD).statusCode(),
                "a made-up X-Forwarded-For does not escape the lockout of the real address");

        List<AccessLog.Request> logged = accessLog.await(request -> request.target().equals("/api/entries"),
                GUESSES + 1);
        assertEquals(GUESSES + 1, logged.size());
        assertTrue(logged.stream().allMatch(request -> request.client().equals("127.0.0.1")), logged.toString());
    }

    /** {@link #GUESSES} wrong passwords from {@code client}, one after another; the status of the last. */
    private int lockOut(String client) {
        int status = 0;
        for (int i = 0; i < GUESSES; i++) {
            status = entries(client, "guess" + i).statusCode();
        }
        return status;
    }

    private HttpResponse<byte[]> entries(String client, String password) {
        return server.get("/api/entries", "Authorization", FeedServer.basic("admin", password),
                "X-Forwarded-For", "192.0.2.99, " + client);
    }

    /** Logs in through the form, with {@code X-Forwarded-Proto: scheme}; the session cookie set at login. */
    private String sessionCookieOfLogin(String scheme) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> page = browser.send(server.request("/admin/login").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = CSRF.matcher(page.body());
        assertTrue(token.find(), page.body());
        String form = "csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8) + "&username=admin&password="
                + URLEncoder.encode(FeedServer.ADMIN_PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<String> login = browser.send(server.request("/admin/login",
                "Content-Type", "application/x-www-form-urlencoded", "X-Forwarded-Proto", scheme)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, login.statusCode(), login.body());
        return login.headers().allValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith("feed_admin_session="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie at login: " + login.headers()));
    }
}
