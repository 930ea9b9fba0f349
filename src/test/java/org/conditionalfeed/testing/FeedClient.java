package org.conditionalfeed.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * Speaks HTTP to a running conditional-feed, embedded or deployed in a standalone Tomcat, with
 * {@link HttpClient}: every path is relative to the application's root URL, which includes the
 * context path of a deployed WAR. Thread-safe.
 */
public class FeedClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String root;
    private final String adminPassword;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * @param root the application's root URL without a trailing slash, e.g.
     *     {@code http://127.0.0.1:8080/conditional-feed}
     * @param adminPassword the administrator's password, for {@link #api}
     */
    public FeedClient(String root, String adminPassword) {
        this.root = root;
        this.adminPassword = adminPassword;
    }

    public URI uri(String path) {
        return URI.create(root + path);
    }

    /** A request builder for {@code path}, with the given header name/value pairs. */
    public HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    public HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET with the given header name/value pairs. */
    public HttpResponse<byte[]> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    /**
     * GET, repeated until the response's {@code Last-Modified} is earlier than its {@code Date}
     * (as many seconds as the burst had changes): writes in a burst take whole seconds ahead of
     * the clock, and until the clock has passed a change, {@code Last-Modified} is clamped to
     * {@code Date}. The answer then shows the change's own time.
     */
    public HttpResponse<byte[]> getOnceTheClockHasPassedTheChange(String path, String... headers) {
        // A burst of n changes within a second runs the modification time n seconds ahead.
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        HttpResponse<byte[]> response = get(path, headers);
        while (!clockHasPassed(response) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            response = get(path, headers);
        }
        return response;
    }

    private static boolean clockHasPassed(HttpResponse<byte[]> response) {
        Instant date = httpDate(response.headers().firstValue("Date").orElseThrow());
        return httpDate(lastModified(response)).isBefore(date);
    }

    /** An authenticated JSON request to the entries API. */
    public HttpResponse<byte[]> api(String method, String path, String json) {
        HttpRequest.Builder builder = request(path, "Authorization", basic("admin", adminPassword));
        if (json == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        }
        return send(builder.build());
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Creates an entry through the API, asserting {@code 201}; returns its id. */
    public long createEntry(String json) {
        HttpResponse<byte[]> response = api("POST", "/api/entries", json);
        if (response.statusCode() != 201) {
            throw new AssertionError("expected 201, got " + response.statusCode() + ": " + text(response));
        }
        try {
            return JSON.readTree(response.body()).get("id").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a feed document with ROME, as a reader would. */
    public static SyndFeed parseFeed(byte[] body) {
        try {
            return new SyndFeedInput().build(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        } catch (FeedException e) {
            throw new AssertionError("ROME rejects the feed: " + e.getMessage(), e);
        }
    }

    /** Parses an IMF-fixdate header value. */
    public static Instant httpDate(String value) {
        return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    }

    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** The response's {@code ETag}, which must be present. */
    public static String etag(HttpResponse<byte[]> response) {
        return response.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag"));
    }

    /** The response's {@code Last-Modified}, which must be present. */
    public static String lastModified(HttpResponse<byte[]> response) {
        return response.headers().firstValue("Last-Modified").orElseThrow(() -> new AssertionError("no Last-Modified"));
    }
}
