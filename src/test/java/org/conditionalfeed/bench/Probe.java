package org.conditionalfeed.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Single requests with {@link HttpClient}: fetching the bytes a server serves, and checking that
 * each scenario really gets the status, encoding and body it claims before (and after) it is
 * loaded. A 304 scenario that secretly answered 200 would make every figure a lie.
 *
 * <p>Thread-safe.
 */
final class Probe {

    /** One response. */
    record Reply(int status, java.net.http.HttpHeaders headers, byte[] body) {

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    Reply get(URI uri, List<String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        for (String header : headers) {
            int colon = header.indexOf(':');
            request.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
        }
        return send(request.build());
    }

    Reply postJson(URI uri, String json, String user, String password) {
        String credentials = Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json; charset=UTF-8")
                .header("Authorization", "Basic " + credentials)
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    /**
     * Checks that {@code feed} serves exactly {@code identity} and {@code gzip} and answers a
     * matching {@code If-None-Match} with an empty 304; returns the identity ETag.
     */
    String verify(String server, URI feed, byte[] identity, byte[] gzip) {
        Reply plain = get(feed, Scenario.IDENTITY.headers(null));
        check(server, Scenario.IDENTITY, plain.status() == 200 && plain.header("Content-Encoding") == null
                && Arrays.equals(plain.body(), identity), plain);
        String etag = plain.header("ETag");
        check(server, Scenario.IDENTITY, etag != null, plain);
        Reply compressed = get(feed, Scenario.GZIP.headers(etag));
        check(server, Scenario.GZIP, compressed.status() == 200 && "gzip".equals(compressed.header("Content-Encoding"))
                && Arrays.equals(compressed.body(), gzip), compressed);
        recheck(server, feed, Scenario.NOT_MODIFIED, etag);
        return etag;
    }

    /** Checks the status (and for 304 the empty body, for gzip the encoding) of one scenario. */
    void recheck(String server, URI feed, Scenario scenario, String etag) {
        Reply reply = get(feed, scenario.headers(etag));
        boolean ok = reply.status() == scenario.status()
                && (scenario != Scenario.NOT_MODIFIED || reply.body().length == 0)
                && (scenario == Scenario.GZIP) == "gzip".equals(reply.header("Content-Encoding"));
        check(server, scenario, ok, reply);
    }

    private static void check(String server, Scenario scenario, boolean ok, Reply reply) {
        if (!ok) {
            throw new IllegalStateException(server + " answers scenario '" + scenario.label() + "' with "
                    + reply.status() + " " + reply.headers().map() + " and " + reply.body().length
                    + " body bytes, not what the scenario needs");
        }
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
