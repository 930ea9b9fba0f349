package org.conditionalfeed.thumbs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.conditionalfeed.testing.FeedClient;
import org.conditionalfeed.testing.FeedServer;

/** Uploads to the media library through its API, as the administrator. */
final class Uploads {

    static final ObjectMapper JSON = new ObjectMapper();

    private Uploads() {
    }

    /** {@code POST /api/media}, whatever the answer. */
    static HttpResponse<byte[]> send(FeedClient client, byte[] body, String type, String filename) {
        return client.send(client.request("/api/media", "Authorization",
                        FeedClient.basic("admin", FeedServer.ADMIN_PASSWORD), "Content-Type", type,
                        "Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** Uploads, asserting {@code 201}; returns the medium's JSON. */
    static JsonNode upload(FeedClient client, byte[] body, String type, String filename) {
        HttpResponse<byte[]> response = send(client, body, type, filename);
        if (response.statusCode() != 201) {
            throw new AssertionError("expected 201, got " + response.statusCode() + ": " + FeedClient.text(response));
        }
        return json(response);
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
