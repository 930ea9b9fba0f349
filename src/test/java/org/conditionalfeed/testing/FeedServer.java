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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.conditionalfeed.boot.EmbeddedServer;
import org.conditionalfeed.config.SettingsLoader;

/**
 * The real application on a real embedded Tomcat, for end-to-end tests: port 0 on 127.0.0.1, an
 * H2 file database in the given directory unless the settings name another ({@code FEED_DB_URL},
 * e.g. from {@link PostgresServer}), started through the same {@link EmbeddedServer} that
 * {@code main} uses, spoken to with {@link HttpClient}. Stop it in teardown.
 */
public final class FeedServer implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "correct horse battery staple";
    public static final String BASE_URL = "https://blog.example.org/news";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddedServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private FeedServer(EmbeddedServer server) {
        this.server = server;
    }

    /** Starts with the database in {@code directory} and these settings on top of the test defaults. */
    public static FeedServer start(Path directory, Map<String, String> settings) {
        Map<String, String> env = new HashMap<>();
        env.put("FEED_PORT", "0");
        env.put("FEED_DB_URL", "jdbc:h2:file:" + directory.resolve("feed").toAbsolutePath());
        env.put("FEED_BASE_URL", BASE_URL);
        env.put("FEED_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.putAll(settings);
        return new FeedServer(EmbeddedServer.start(SettingsLoader.load(env), "127.0.0.1", Clock.systemUTC()));
    }

    public static FeedServer start(Path directory) {
        return start(directory, Map.of());
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    public HttpClient client() {
        return client;
    }

    /** A request builder for {@code path}, with the given header name/value pairs. */
    public HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    public HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET with the given header name/value pairs. */
    public HttpResponse<byte[]> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    /** An authenticated JSON request to the entries API. */
    public HttpResponse<byte[]> api(String method, String path, String json) {
        HttpRequest.Builder builder = request(path, "Authorization", basic("admin", ADMIN_PASSWORD));
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

    /** The response's {@code ETag}, which must be there. */
    public static String etag(HttpResponse<byte[]> response) {
        return response.headers().firstValue("ETag").orElseThrow();
    }

    /** The response's {@code Last-Modified}, which must be there. */
    public static String lastModified(HttpResponse<byte[]> response) {
        return response.headers().firstValue("Last-Modified").orElseThrow();
    }

    /** Parses an IMF-fixdate header value. */
    public static Instant httpDate(String value) {
        return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    }

    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop();
    }
}
