package org.conditionalfeed.media;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.Map;
import org.conditionalfeed.testing.FeedServer;

/** {@link MediaServingEndToEndTest}'s requests with the media cache off: every byte from the database. */
class MediaServingFromDatabaseEndToEndTest extends MediaServingEndToEndTest {

    @Override
    Map<String, String> settings() {
        return Map.of("FEED_MEDIA_CACHE_MAX_BYTES", "0");
    }

    @Override
    void prepare(FeedServer started, JsonNode uploaded) throws Exception {
        started.get(MediaFixtures.path(uploaded));
        assertFalse(Files.exists(directory.resolve("media-cache")), "no cache directory when the cache is off");
    }
}
