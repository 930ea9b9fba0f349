package org.conditionalfeed.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cold renders: writes an entry through the API, then times the first {@code GET /feed.xml} of
 * the new revision as the client sees it, and collects the server's own "Rendered feed revision"
 * log lines (reading the newest entries, ROME, gzip). The server renders a change right after
 * it commits, before answering the write, so the client's GET finds the bytes ready; the
 * render's own time is the figure the cold-render target judges. Each write takes up to a second, because the store spaces
 * changes one whole second apart.
 *
 * <p>Not thread-safe.
 */
final class ColdRenders {

    private static final Pattern RENDERED =
            Pattern.compile("Rendered /feed\\.xml at revision \\d+ \\((\\d+) items, .* in ([\\d.]+) ms");

    /** Longer than the embedded launcher's log flush interval. */
    private static final long LOG_FLUSH_MILLIS = 600;

    private ColdRenders() {
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Report.Cold measure(Probe probe, ChildProcess app, URI base, String adminPassword, long entries, int count) {
        URI feed = base.resolve("/feed.xml");
        URI api = base.resolve("/api/entries");
        long logOffset = app.logSize();
        String previousEtag = probe.get(feed, List.of()).header("ETag");
        List<Double> clientMillis = new ArrayList<>();
        System.err.printf("bench: [%s entries] %d cold renders, each after a write%n",
                Report.count(entries), count);
        for (int i = 1; i <= count; i++) {
            // The same shape as the loaded entries, so both data sets serve feeds of the same size.
            String json = "{\"title\":\"Benchmark entry cold-" + i + "\",\"content\":\""
                    + EntryLoader.content("cold-" + i) + "\",\"author\":\"Bench Writer\"}";
            Probe.Reply created = probe.postJson(api, json, "admin", adminPassword);
            if (created.status() != 201) {
                throw new IllegalStateException("POST /api/entries answered " + created.status() + ": "
                        + new String(created.body(), StandardCharsets.UTF_8));
            }
            long started = System.nanoTime();
            Probe.Reply fetched = probe.get(feed, List.of());
            clientMillis.add((System.nanoTime() - started) / 1e6);
            String etag = fetched.header("ETag");
            if (fetched.status() != 200 || etag == null || etag.equals(previousEtag)) {
                throw new IllegalStateException("GET after a write answered " + fetched.status() + " with ETag " + etag
                        + " (before the write: " + previousEtag + ")");
            }
            previousEtag = etag;
        }
        sleepQuietly(LOG_FLUSH_MILLIS); // the launcher writes its log in blocks, at least every 250 ms
        List<Double> serverMillis = new ArrayList<>();
        List<Integer> items = new ArrayList<>();
        for (String line : app.logLinesFrom(logOffset)) {
            Matcher matcher = RENDERED.matcher(line);
            if (matcher.find()) {
                items.add(Integer.parseInt(matcher.group(1)));
                serverMillis.add(Double.parseDouble(matcher.group(2)));
            }
        }
        System.err.printf("bench:   client p50 %s ms, p99 %s ms%n", Report.millis(Report.percentile(clientMillis, 50)),
                Report.millis(Report.percentile(clientMillis, 99)));
        return new Report.Cold(entries, clientMillis, serverMillis, items);
    }
}
