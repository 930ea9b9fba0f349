package org.conditionalfeed.thumbs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.conditionalfeed.media.Media;
import org.conditionalfeed.media.MediaStore;
import org.conditionalfeed.store.Database;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.MediaUploads;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Making each thumbnail once, counted by the generator's decode counter: within one process for
 * concurrent first requests, and across two instances' {@link Thumbnails} sharing one database.
 * The images are uploaded through the real server; the objects under test then open the same H2
 * database.
 */
class ThumbnailsTest {

    @TempDir
    static Path directory;

    private static Database database;
    private static MediaStore media;
    private static Media photo;
    private static Media other;

    @BeforeAll
    static void upload() {
        long photoId;
        long otherId;
        try (FeedServer server = FeedServer.start(directory)) {
            photoId = MediaUploads.upload(server, TestImages.write(TestImages.gradient(2400, 1600), "jpeg"), "image/jpeg",
                    "photo.jpg").get("id").asLong();
            otherId = MediaUploads.upload(server, TestImages.write(TestImages.gradient(300, 200), "png"), "image/png",
                    "other.png").get("id").asLong();
        }
        database = Database.open("jdbc:h2:file:" + directory.resolve("feed").toAbsolutePath(), "sa", "");
        media = new MediaStore(database.jdbi(), Clock.systemUTC());
        photo = media.find(photoId).orElseThrow();
        other = media.find(otherId).orElseThrow();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void concurrentFirstRequestsShareOneDecodeAndAnotherInstanceReadsTheStoredBytes() throws Exception {
        try (Thumbnails first = new Thumbnails(media, database.jdbi(), Clock.systemUTC());
                Thumbnails second = new Thumbnails(media, database.jdbi(), Clock.systemUTC())) {
            ExecutorService requests = Executors.newFixedThreadPool(20);
            List<Callable<Thumbnail>> burst = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                burst.add(() -> first.get(photo, 1280));
            }
            List<Future<Thumbnail>> made = requests.invokeAll(burst);
            requests.shutdown();

            for (Future<Thumbnail> thumbnail : made) {
                assertArrayEquals(made.get(0).get().bytes(), thumbnail.get().bytes());
            }
            assertEquals(1, first.decodes(), "twenty concurrent first requests, one decode");
            assertArrayEquals(made.get(0).get().bytes(), second.get(photo, 1280).bytes());
            assertEquals(0, second.decodes(), "another instance reads what the first stored");
            first.get(photo, 160);
            second.get(photo, 640);
            assertEquals(1, first.decodes(), "the other widths came from the same decode");
            assertEquals(0, second.decodes());
        }
    }

    @Test
    void theFirstStoredThumbnailWins() {
        ThumbnailStore store = new ThumbnailStore(database.jdbi());
        Thumbnail firstMade = new Thumbnail("image/png", new byte[] {1, 2, 3});
        Thumbnail secondMade = new Thumbnail("image/png", new byte[] {4, 5, 6});

        Thumbnail kept = store.keep(other.id(), 640, firstMade, Instant.now());
        Thumbnail keptLater = store.keep(other.id(), 640, secondMade, Instant.now());

        assertArrayEquals(firstMade.bytes(), kept.bytes());
        assertArrayEquals(firstMade.bytes(), keptLater.bytes());
        assertArrayEquals(firstMade.bytes(), store.find(other.id(), 640).orElseThrow().bytes());
    }

    @Test
    void aThumbnailOfADeletedMediumIsNotKept() {
        ThumbnailStore store = new ThumbnailStore(database.jdbi());

        assertThrows(SourceGone.class, () -> store.keep(987_654, 160, new Thumbnail("image/png", new byte[] {1}),
                Instant.now()));
    }
}
