package org.conditionalfeed.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * The write rows of the benchmark: the packaged jar on its default embedded H2 database (every
 * acknowledged write forced to disk), started as a child JVM with the benchmark's heap, then
 * <ol>
 *   <li>sustained creates: {@code bench.writers} clients (default 8) each send
 *       {@code POST /api/entries} one after another for {@code bench.writeSeconds} (10), after a
 *       warm-up of 3 s; creates per second counts the {@code 201}s;</li>
 *   <li>a burst: {@code bench.burst} (100) {@code POST}s released at the same instant, each on its
 *       own connection; the row gives how many got {@code 201} and the slowest answer.</li>
 * </ol>
 * The password is checked once before (it is remembered afterwards), so the rows measure writes,
 * not PBKDF2. Prints a Markdown table and writes it to {@code target/benchmark-writes.md}.
 *
 * <pre>mvn -B -q package -DskipTests &amp;&amp; java -cp target/test-classes:target/conditional-feed.jar org.conditionalfeed.bench.WriteBenchmark</pre>
 *
 * <p>Not thread-safe.
 */
public final class WriteBenchmark {

    private static final Pattern LISTENING = Pattern.compile("Listening on http://[^/]+:(\\d+)/");
    private static final double SUSTAINED_TARGET = 100;

    private final Probe probe = new Probe();
    private final String password = "bench-" + UUID.randomUUID();

    public static void main(String[] args) throws Exception {
        Machine.watchdog(Duration.ofMinutes(15));
        System.exit(new WriteBenchmark().run());
    }

    private int run() throws IOException, InterruptedException {
        Path jar = Path.of("target/conditional-feed.jar").toAbsolutePath();
        Path work = Files.createTempDirectory("feed-write-bench-");
        String heap = ServerJvm.flags();
        List<String> command = ServerJvm.command(heap, "-jar", jar.toString());
        Map<String, String> env = Map.of("FEED_PORT", "0", "FEED_ADMIN_PASSWORD", password,
                "FEED_DB_URL", "jdbc:h2:file:" + work.resolve("db/feed"), "FEED_BASE_URL", "https://blog.example.org");
        StringBuilder table = new StringBuilder();
        try (ChildProcess app = ChildProcess.start(Report.APP, command, env, work.resolve("app.log"))) {
            URI api = URI.create("http://127.0.0.1:" + app.awaitLogLine(LISTENING, Duration.ofMinutes(2)).group(1)
                    + "/api/entries");
            table.append("- machine: ").append(Runtime.getRuntime().availableProcessors())
                    .append(" cores; load average at the start: ").append(Machine.loadAverage())
                    .append("\n- server: ").append(jar.getFileName()).append(' ').append(heap)
                    .append(", embedded H2 file database, every acknowledged write forced to disk\n\n")
                    .append("| scenario | result | target | met |\n|---|---|---|---|\n");
            create(api, "warm-up");
            int writers = Integer.getInteger("bench.writers", 8);
            sustained(api, writers, Duration.ofSeconds(3), "warm-up");
            Result sustained = sustained(api, writers, Duration.ofSeconds(Long.getLong("bench.writeSeconds", 10)), "s");
            double perSecond = sustained.created() / sustained.seconds();
            table.append(String.format(Locale.ROOT, "| sustained API creates, %d writers | %.0f creates/s (%d in"
                            + " %.1f s; p50 %.1f ms, p99 %.1f ms; other statuses: %s) | ≥ %.0f/s | %s |%n", writers,
                    perSecond, sustained.created(), sustained.seconds(), sustained.percentile(50),
                    sustained.percentile(99),
                    sustained.others(), SUSTAINED_TARGET, perSecond >= SUSTAINED_TARGET ? "yes" : "no"));
            int size = Integer.getInteger("bench.burst", 100);
            Result burst = burst(api, size);
            table.append(String.format(Locale.ROOT, "| %d simultaneous POSTs | %d × 201 (other statuses: %s);"
                            + " slowest answer %.0f ms, p50 %.0f ms | all 201 | %s |%n", size, burst.created(),
                    burst.others(), burst.percentile(100), burst.percentile(50),
                    burst.created() == size ? "yes" : "no"));
            table.append("\nLoad average at the end: ").append(Machine.loadAverage()).append('\n');
        }
        System.out.print(table);
        Path markdown = jar.getParent().resolve("benchmark-writes.md");
        Files.writeString(markdown, table);
        System.err.println("bench: wrote " + markdown);
        return 0;
    }

    /** Statuses other than 201 by count, answer times of every request in milliseconds. */
    private record Result(int created, Map<Integer, Integer> otherStatuses, List<Double> millis, double seconds) {

        String others() {
            return otherStatuses.isEmpty() ? "none" : otherStatuses.toString();
        }

        double percentile(int p) {
            List<Double> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            if (sorted.isEmpty()) {
                return 0;
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.size());
            return sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1));
        }
    }

    private Probe.Reply create(URI api, String title) {
        String json = "{\"title\":\"" + title + "\",\"content\":\"<p>" + title + "</p>\"}";
        return probe.postJson(api, json, "admin", password);
    }

    private Result sustained(URI api, int writers, Duration duration, String name) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<List<long[]>>> futures = new ArrayList<>();
        long started = System.nanoTime();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            futures.add(pool.submit(() -> {
                List<long[]> answers = new ArrayList<>();
                for (int i = 0; System.nanoTime() < end; i++) {
                    long sent = System.nanoTime();
                    int status = create(api, name + "-" + writer + "-" + i).status();
                    answers.add(new long[] {status, System.nanoTime() - sent});
                }
                return answers;
            }));
        }
        Result result = collect(futures, started);
        pool.shutdown();
        return result;
    }

    private Result burst(URI api, int size) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(size);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<long[]>>> futures = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                start.await();
                long sent = System.nanoTime();
                int status = create(api, "burst-" + n).status();
                return List.of(new long[] {status, System.nanoTime() - sent});
            }));
        }
        long started = System.nanoTime();
        start.countDown();
        Result result = collect(futures, started);
        pool.shutdown();
        return result;
    }

    /** Waits for every client; {@code started} is when they began, for the elapsed time. */
    private static Result collect(List<Future<List<long[]>>> futures, long started) throws InterruptedException {
        int created = 0;
        Map<Integer, Integer> others = new TreeMap<>();
        List<Double> millis = new ArrayList<>();
        for (Future<List<long[]>> future : futures) {
            List<long[]> answers;
            try {
                answers = future.get();
            } catch (java.util.concurrent.ExecutionException e) {
                others.merge(-1, 1, Integer::sum); // no answer at all (connection failed or timed out)
                continue;
            }
            for (long[] answer : answers) {
                if (answer[0] == 201) {
                    created++;
                } else {
                    others.merge((int) answer[0], 1, Integer::sum);
                }
                millis.add(answer[1] / 1e6);
            }
        }
        return new Result(created, others, millis, (System.nanoTime() - started) / 1e9);
    }
}
