package org.conditionalfeed.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Uploads to the media library through its API ({@code POST /api/media}), as the administrator. */
public final class MediaUploads {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MediaUploads() {
    }

    /** {@code POST /api/media} with these headers ({@code null}: left out), whatever the answer. */
    public static HttpResponse<byte[]> send(FeedClient client, byte[] body, String type, String disposition) {
        HttpRequest.Builder request = client.request("/api/media",
                "Authorization", FeedClient.basic("admin", FeedServer.ADMIN_PASSWORD));
        if (type != null) {
            request.header("Content-Type", type);
        }
        if (disposition != null) {
            request.header("Content-Disposition", disposition);
        }
        return client.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** Uploads as {@code filename} (ASCII), asserting {@code 201}; returns the medium's JSON. */
    public static JsonNode upload(FeedClient client, byte[] body, String type, String filename) {
        return created(send(client, body, type, attachment(filename)));
    }

    /** {@code attachment; filename="…"}. */
    public static String attachment(String filename) {
        return "attachment; filename=\"" + filename + "\"";
    }

    /** The medium's JSON of a {@code 201}; fails on any other answer. */
    public static JsonNode created(HttpResponse<byte[]> response) {
        if (response.statusCode() != 201) {
            throw new AssertionError("expected 201, got " + response.statusCode() + ": " + FeedClient.text(response));
        }
        return json(response);
    }

    public static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
