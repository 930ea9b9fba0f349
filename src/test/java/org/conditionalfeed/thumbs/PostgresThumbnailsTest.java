package org.conditionalfeed.thumbs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.conditionalfeed.testing.FeedClient;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.MediaUploads;
import org.conditionalfeed.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one PostgreSQL database serve the same thumbnail bytes under the same entity
 * tag, even when first requests reach both at once, and a medium deleted through one is gone from
 * the other on the next request.
 */
class PostgresThumbnailsTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @TempDir
    Path directory;

    @Test
    void twoInstancesServeTheSameThumbnailAndForgetADeletedOne() {
        var settings = POSTGRES.newDatabase();
        try (FeedServer first = FeedServer.start(directory.resolve("a"), settings);
                FeedServer second = FeedServer.start(directory.resolve("b"), settings)) {
            JsonNode photo = MediaUploads.upload(first, TestImages.write(TestImages.gradient(2000, 1500), "jpeg"),
                    "image/jpeg", "photo.jpg");
            String path = "/thumbs/" + photo.get("sha256").asText().substring(0, 16) + "/" + photo.get("id").asText()
                    + "/640";
            HttpClient client = HttpClient.newHttpClient();
            List<CompletableFuture<HttpResponse<byte[]>>> burst = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                FeedServer instance = i % 2 == 0 ? first : second;
                burst.add(client.sendAsync(instance.request(path).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray()));
            }

            List<HttpResponse<byte[]>> responses = burst.stream().map(CompletableFuture::join).toList();

            for (HttpResponse<byte[]> response : responses) {
                assertEquals(200, response.statusCode(), FeedClient.text(response));
                assertArrayEquals(responses.get(0).body(), response.body(), "the first stored bytes, everywhere");
                assertEquals(FeedClient.etag(responses.get(0)), FeedClient.etag(response));
            }
            assertEquals(304, second.get(path, "If-None-Match", FeedClient.etag(responses.get(0))).statusCode());

            assertEquals(204, first.api("DELETE", "/api/media/" + photo.get("id").asText(), null).statusCode());

            assertEquals(404, second.get(path).statusCode());
            assertEquals(404, second.get(path, "If-None-Match", FeedClient.etag(responses.get(0))).statusCode());
        }
    }
}
