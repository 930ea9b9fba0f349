package org.conditionalfeed.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wrong passwords over real HTTP against the one shared password check, one after another and
 * a hundred at the same instant, through HTTP Basic and through the login form.
 */
class LoginThrottleEndToEndTest {

    private static final int BURST = 100;
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @TempDir
    Path directory;
    private final TestClock clock = TestClock.running();
    private FeedServer server;
    private HttpClient browser;

    @BeforeEach
    void start() {
        server = FeedServer.start(directory, Map.of(), clock);
        browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void repeatedWrongPasswordsGetTooManyRequestsWithRetryAfter() {
        List<HttpResponse<byte[]>> responses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            responses.add(server.get("/api/entries", "Authorization", FeedServer.basic("admin", "guess" + i)));
        }
        Tally tally = Tally.of(responses);
        assertTrue(tally.unauthorized() >= LoginThrottle.FREE_FAILURES, "the first failures are answered: " + tally);
        assertTrue(tally.throttled() >= 10, "most of twenty guesses are refused unchecked: " + tally);

        HttpResponse<byte[]> rightPassword = server.get("/api/entries", "Authorization",
                FeedServer.basic("admin", FeedServer.ADMIN_PASSWORD));
        assertEquals(429, rightPassword.statusCode(), "the lockout holds for the right password too, for a while");
    }

    @Test
    void simultaneousWrongBasicGuessesAreCheckedOnlyWhileFailuresAreFree() {
        List<HttpRequest> guesses = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            guesses.add(server.request("/api/entries", "Authorization", FeedServer.basic("admin", "guess" + i)).build());
        }
        assertFewCheckedRestRefused(all(guesses));

        clock.advance(LoginThrottle.MAX_LOCKOUT);
        HttpResponse<byte[]> rightPassword = server.get("/api/entries", "Authorization",
                FeedServer.basic("admin", FeedServer.ADMIN_PASSWORD));
        assertEquals(200, rightPassword.statusCode(), "the right password works once the lockout is over");
    }

    @Test
    void simultaneousWrongFormGuessesAreCheckedOnlyWhileFailuresAreFree() throws Exception {
        String token = csrfToken();
        List<HttpRequest> guesses = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            guesses.add(loginForm(token, "guess" + i));
        }
        assertFewCheckedRestRefused(all(guesses));

        clock.advance(LoginThrottle.MAX_LOCKOUT);
        HttpResponse<byte[]> rightPassword = browser.send(loginForm(token, FeedServer.ADMIN_PASSWORD),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(303, rightPassword.statusCode(), "the right password logs in once the lockout is over");
    }

    @Test
    void simultaneousRightPasswordsAreAllAccepted() {
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            requests.add(server.request("/api/entries", "Authorization",
                    FeedServer.basic("admin", FeedServer.ADMIN_PASSWORD)).build());
        }
        for (HttpResponse<byte[]> response : all(requests)) {
            assertEquals(200, response.statusCode());
        }
    }

    /** At most FREE_FAILURES + 1 guesses were checked (401); every other one was refused unchecked (429). */
    private static void assertFewCheckedRestRefused(List<HttpResponse<byte[]>> responses) {
        Tally tally = Tally.of(responses);
        assertTrue(tally.unauthorized() >= 1 && tally.unauthorized() <= LoginThrottle.FREE_FAILURES + 1, tally.toString());
        assertEquals(BURST - tally.unauthorized(), tally.throttled(), tally.toString());
    }

    /** How many guesses were checked and refused (401) and how many refused unchecked (429, with Retry-After). */
    private record Tally(int unauthorized, int throttled) {
        static Tally of(List<HttpResponse<byte[]>> responses) {
            int unauthorized = 0;
            int throttled = 0;
            for (HttpResponse<byte[]> response : responses) {
                if (response.statusCode() == 429) {
                    throttled++;
                    long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
                    assertTrue(retryAfter >= 1 && retryAfter <= 301, "Retry-After " + retryAfter);
                } else {
                    assertEquals(401, response.statusCode());
                    unauthorized++;
                }
            }
            return new Tally(unauthorized, throttled);
        }
    }

    /** Sends every request at once and waits for all the answers. */
    private List<HttpResponse<byte[]>> all(List<HttpRequest> requests) {
        List<CompletableFuture<HttpResponse<byte[]>>> sent = new ArrayList<>();
        for (HttpRequest request : requests) {
            sent.add(browser.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()));
        }
        return sent.stream().map(CompletableFuture::join).toList();
    }

    private String csrfToken() throws Exception {
        HttpResponse<String> page = browser.send(server.request("/admin/login").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = CSRF.matcher(page.body());
        assertTrue(token.find(), page.body());
        return token.group(1);
    }

    private HttpRequest loginForm(String token, String password) {
        String form = "csrf=" + encode(token) + "&username=admin&password=" + encode(password);
        return server.request("/admin/login", "Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
