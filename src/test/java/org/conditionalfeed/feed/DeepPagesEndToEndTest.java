package org.conditionalfeed.feed;

import static org.conditionalfeed.testing.FeedClient.etag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.conditionalfeed.testing.DirectEntries;
import org.conditionalfeed.testing.FeedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crawl of every later page of a blog of a few thousand entries, many at once over real HTTP,
 * while a reader revalidates the feed: every page comes back with its entries or refused with
 * {@code 503} and {@code Retry-After}, every revalidation of the feed gets its {@code 304}, and the
 * crawl records nothing in the database.
 */
class DeepPagesEndToEndTest {

    private static final int ENTRIES = 3000;
    private static final int CRAWLERS = 16;
    private static final String BUSY = "Too many pages are being rendered at once: ask again in a few seconds\n";

    @TempDir
    Path directory;

    @Test
    void aCrawlOfLaterPagesLeavesTheFeedAnsweredAndWritesNothing() throws Exception {
        String url = "jdbc:h2:file:" + directory.resolve("feed");
        DirectEntries.insert(url, "", ENTRIES, "<p>Words</p>", "CASE WHEN MOD(X, 2) = 0 THEN 'java' ELSE 'cooking' END");
        List<String> statuses = new ArrayList<>();
        List<Integer> probes = new ArrayList<>();
        try (FeedServer server = FeedServer.start(directory)) {
            String tag = etag(server.get("/feed.xml"));
            Map<String, String> firstTitles = new TreeMap<>();
            for (int page = 2; page <= ENTRIES / ListingRenderer.PER_PAGE; page++) {
                firstTitles.put("/?page=" + page, "Entry " + (ENTRIES - (page - 1) * ListingRenderer.PER_PAGE));
            }
            for (int page = 2; page <= ENTRIES / 2 / ListingRenderer.PER_PAGE; page++) {
                firstTitles.put("/categories/java/?page=" + page,
                        "Entry " + (ENTRIES - 2 * (page - 1) * ListingRenderer.PER_PAGE));
            }
            ExecutorService crawlers = Executors.newFixedThreadPool(CRAWLERS + 1);
            AtomicBoolean crawling = new AtomicBoolean(true);
            try {
                Future<?> reader = crawlers.submit(() -> {
                    while (crawling.get()) {
                        int status = server.get("/feed.xml", "If-None-Match", tag).statusCode();
                        synchronized (probes) {
                            probes.add(status);
                        }
                    }
                });
                List<Future<String>> pages = new ArrayList<>();
                firstTitles.forEach((path, title) -> pages.add(crawlers.submit(() -> crawl(server, path, title))));
                for (Future<String> page : pages) {
                    statuses.add(page.get());
                }
                crawling.set(false);
                reader.get();
            } finally {
                crawling.set(false);
                crawlers.shutdownNow();
            }
        }
        assertEquals(List.of(), statuses.stream().filter(status -> !status.equals("200") && !status.equals("503")).toList(),
                "every later page came back with its entries, or refused with Retry-After");
        assertTrue(statuses.contains("200"), statuses.toString());
        assertTrue(!probes.isEmpty() && probes.stream().allMatch(status -> status == 304),
                "the feed was revalidated throughout the crawl: " + probes);
        assertEquals(0, count(url, "SELECT COUNT(*) FROM feed_version WHERE feed_key LIKE '%page=%'"),
                "later pages record nothing");
        assertEquals(1, count(url, "SELECT COUNT(*) FROM feed_version WHERE feed_key = '/feed.xml'"));
    }

    /** {@code 200} or {@code 503} when the answer is as it should be, else what was wrong with it. */
    private static String crawl(FeedServer server, String path, String firstTitle) {
        HttpResponse<byte[]> response = server.get(path);
        String body = FeedServer.text(response);
        if (response.statusCode() == 200) {
            return body.contains("\">" + firstTitle + "</a></h2>") ? "200" : path + " lacks " + firstTitle;
        }
        Optional<String> retryAfter = response.headers().firstValue("Retry-After");
        if (response.statusCode() == 503 && retryAfter.equals(Optional.of("5")) && body.equals(BUSY)) {
            return "503";
        }
        return path + ": " + response.statusCode() + " Retry-After " + retryAfter + ": " + body;
    }

    private static long count(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                PreparedStatement query = connection.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
