package org.conditionalfeed.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.conditionalfeed.testing.FeedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Twenty wrong passwords in a row, over real HTTP, against the one shared password check. */
class LoginThrottleEndToEndTest {

    @TempDir
    Path directory;
    private FeedServer server;

    @BeforeEach
    void start() {
        server = FeedServer.start(directory);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void repeatedWrongPasswordsGetTooManyRequestsWithRetryAfter() {
        int unauthorized = 0;
        int throttled = 0;
        for (int i = 0; i < 20; i++) {
            HttpResponse<byte[]> response = server.get("/api/entries", "Authorization", FeedServer.basic("admin", "guess" + i));
            if (response.statusCode() == 429) {
                throttled++;
                long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
                assertTrue(retryAfter >= 1 && retryAfter <= 301, "Retry-After " + retryAfter);
            } else {
                assertEquals(401, response.statusCode());
                unauthorized++;
            }
        }
        assertTrue(unauthorized >= LoginThrottle.FREE_FAILURES, "the first failures are answered: " + unauthorized);
        assertTrue(throttled >= 10, "most of twenty guesses are refused unchecked: " + throttled);

        HttpResponse<byte[]> rightPassword = server.get("/api/entries", "Authorization",
                FeedServer.basic("admin", FeedServer.ADMIN_PASSWORD));
        assertEquals(429, rightPassword.statusCode(), "the lockout holds for the right password too, for a while");
    }
}
