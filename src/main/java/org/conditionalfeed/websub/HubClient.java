package org.conditionalfeed.websub;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends one publish ping: {@code POST <hub>} with the form {@code hub.mode=publish&hub.url=<feed>}
 * ({@code application/x-www-form-urlencoded}), through {@link HttpClient} with a connect and a
 * request timeout. A {@code 2xx} answer is success; anything else, a timeout or a connection
 * error is a failure, told in a short phrase for the log.
 *
 * <p>Thread-safe.
 */
final class HubClient {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** The form a hub is sent for {@code topic}. */
    static String form(String topic) {
        return "hub.mode=publish&hub.url=" + URLEncoder.encode(topic, StandardCharsets.UTF_8);
    }

    /**
     * Pings {@code hub} about {@code topic}; empty on success, else why it failed.
     *
     * @throws InterruptedException when the calling thread is interrupted meanwhile
     */
    Optional<String> publish(String hub, String topic) throws InterruptedException {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(hub))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("User-Agent", "conditional-feed WebSub publisher")
                    .POST(HttpRequest.BodyPublishers.ofString(form(topic), StandardCharsets.UTF_8))
                    .build();
        } catch (IllegalArgumentException badUrl) {
            return Optional.of("not a usable URL: " + badUrl.getMessage());
        }
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300 ? Optional.empty() : Optional.of("answered " + status);
        } catch (IOException e) {
            return Optional.of(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }
}
