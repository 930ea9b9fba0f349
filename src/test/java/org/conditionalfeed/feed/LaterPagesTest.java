package org.conditionalfeed.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.conditionalfeed.store.Database;
import org.conditionalfeed.store.ExcerptRepository;
import org.conditionalfeed.store.FeedIndexRepository;
import org.conditionalfeed.store.FeedStateRepository;
import org.conditionalfeed.store.FeedVersionRepository;
import org.conditionalfeed.testing.DirectEntries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Later pages of the listings on a real H2 database: only {@link PageRenders#SLOTS} of them are
 * rendered at once, the rest wait briefly and are refused, the feeds and first pages are never
 * held back, and no later page records anything in {@code feed_version}.
 */
class LaterPagesTest {

    private static final int HOLDERS = PageRenders.SLOTS + 2;

    @TempDir
    Path directory;
    private Database database;
    private FeedPublisher publisher;

    @BeforeEach
    void open() throws SQLException {
        String url = "jdbc:h2:file:" + directory.resolve("feed");
        DirectEntries.insert(url, "", ListingRenderer.PER_PAGE * (HOLDERS + 3), "<p>Words</p>", "'java'");
        database = Database.open(url, "sa", "");
        new FeedIndexRepository(database.jdbi()).addMissingCategories();
        FeedStateRepository state = new FeedStateRepository(database.jdbi(), Clock.systemUTC(), true);
        state.claimRestart();
        publisher = new FeedPublisher(new ExcerptRepository(database.jdbi()), new FeedIndexRepository(database.jdbi()),
                new FeedVersionRepository(database.jdbi()), state, FeedPublisherTest.CHANNEL,
                FeedPublisherTest.RENDERERS, new FeedChanges());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void laterPagesTakeTurnsWhileFeedsAndFirstPagesNeverWait() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        publisher.timeRenders(nanos -> {
            if (Thread.currentThread().getName().startsWith("holder")) {
                peak.accumulateAndGet(inside.incrementAndGet(), Math::max);
                awaitQuietly(release);
                inside.decrementAndGet();
            }
        });
        AtomicInteger threads = new AtomicInteger();
        ExecutorService holders = Executors.newFixedThreadPool(HOLDERS,
                task -> new Thread(task, "holder-" + threads.incrementAndGet()));
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (int page = 2; page < 2 + HOLDERS; page++) {
                FeedKey key = FeedKey.main(FeedFormat.HTML).page(page);
                outcomes.add(holders.submit(() -> outcome(key)));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (outcomes.stream().filter(Future::isDone).count() < HOLDERS - PageRenders.SLOTS
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            List<String> refused = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                if (outcome.isDone()) {
                    refused.add(outcome.get());
                }
            }
            String busy = "503 after 5 s: Too many pages are being rendered at once: ask again in a few seconds";
            assertEquals(List.of(busy, busy), refused, "the renders beyond the slots waited, then were refused");
            assertEquals(PageRenders.SLOTS, inside.get(), "every slot holds a render");

            for (FeedKey key : List.of(FeedKey.main(FeedFormat.RSS), FeedKey.main(FeedFormat.HTML),
                    new FeedKey("java", FeedFormat.HTML), new FeedKey("java", FeedFormat.JSON))) {
                assertTrue(publisher.current(key).isPresent(), key.path() + " is rendered while every slot is taken");
            }
            FeedKey another = FeedKey.main(FeedFormat.HTML).page(2 + HOLDERS);
            assertThrows(FeedPublisher.Busy.class, () -> publisher.current(another));

            release.countDown();
            List<String> all = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                all.add(outcome.get());
            }
            assertEquals(PageRenders.SLOTS, Collections.frequency(all, "200"), "the renders in the slots end: " + all);
            assertEquals(PageRenders.SLOTS, peak.get(), "never more later pages at once than there are slots");
            assertTrue(publisher.current(another).isPresent(), "with a slot free, the page is rendered");
        } finally {
            release.countDown();
            holders.shutdownNow();
        }
        assertEquals(List.of("/", "/categories/java/", "/categories/java/feed.json", "/feed.xml"),
                database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT feed_key FROM feed_version ORDER BY feed_key").mapTo(String.class).list()),
                "feeds and first pages are recorded, later pages not");
    }

    private String outcome(FeedKey key) {
        try {
            return publisher.current(key).isPresent() ? "200" : "404";
        } catch (FeedPublisher.Busy busy) {
            return "503 after " + busy.retryAfterSeconds() + " s: " + busy.answer();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
