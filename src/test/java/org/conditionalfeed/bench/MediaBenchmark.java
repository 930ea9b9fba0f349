package org.conditionalfeed.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The media rows of the benchmark: the packaged jar ({@value ServerJvm#DEFAULT_FLAGS}, its embedded H2 file
 * database) serves a 1 MiB and a 100 MiB MP3 from the media library, and the very same files are
 * served as static files by Tomcat's {@code DefaultServlet} ({@link StaticFeedServer}) and by
 * nginx where it is installed. For each file, {@code wrk} measures a full {@code GET} and the
 * {@code Range: bytes=0-1} probe podcast apps send, the servers taking turns for several rounds;
 * then 200 clients download the 100 MiB file at once from each Java server ({@link Downloads})
 * while its resident memory is sampled. Prints a Markdown table and writes it to
 * {@code target/benchmark-media.md}.
 *
 * <pre>mvn -B -q package -DskipTests &amp;&amp; java -cp target/test-classes:target/conditional-feed.jar org.conditionalfeed.bench.MediaBenchmark</pre>
 *
 * <p>Options: {@code bench.seconds} (5 per run), {@code bench.rounds} (3), {@code bench.heap}
 * ({@value ServerJvm#DEFAULT_FLAGS}), {@code bench.clients} (200 simultaneous downloads), {@code bench.wrk},
 * {@code bench.nginx}. Not thread-safe.
 */
public final class MediaBenchmark {

    private static final Pattern LISTENING = Pattern.compile("Listening on http://[^/]+:(\\d+)/");
    private static final double RSS_LIMIT_MB = 256;
    private static final double TARGET_RATIO = 0.8;
    private static final int SMALL_CONNECTIONS = 32;
    private static final int LARGE_CONNECTIONS = 4;

    /** One kind of request: a whole file, or its first two bytes. */
    private record Load(String file, long length, boolean probe) {

        String label() {
            return (probe ? "Range: bytes=0-1" : "full GET") + ", " + MediaFiles.label(length);
        }

        List<String> headers() {
            return probe ? List.of("Range: bytes=0-1") : List.of();
        }
    }

    private final Duration duration = Duration.ofSeconds(Long.getLong("bench.seconds", 5));
    private final int rounds = Integer.getInteger("bench.rounds", 3);
    private final String heap = ServerJvm.flags();
    private final int clients = Integer.getInteger("bench.clients", 200);
    private final Path jar = Path.of("target/conditional-feed.jar").toAbsolutePath();
    private final String password = "bench-" + UUID.randomUUID();
    private final List<String> notes = new ArrayList<>();
    private final StringBuilder table = new StringBuilder();

    public static void main(String[] args) throws Exception {
        Machine.watchdog(Duration.ofMinutes(Long.getLong("bench.timeoutMinutes", 40)));
        System.exit(new MediaBenchmark().run());
    }

    private int run() throws IOException, InterruptedException {
        Wrk small = Wrk.find(2, SMALL_CONNECTIONS).orElseThrow(() -> new IllegalStateException("wrk is not installed: apt-get install wrk"));
        // A few connections suffice to fill loopback with 100 MiB responses, and each stays within wrk's 5 s timeout.
        Wrk large = Wrk.find(2, LARGE_CONNECTIONS).orElseThrow();
        Optional<Path> nginxPath = Nginx.find();
        Path work = Files.createTempDirectory("media-bench-");
        Path docRoot = Files.createDirectories(work.resolve("static"));
        List<Load> loads = new ArrayList<>();
        for (long length : new long[] {1L << 20, 100L << 20}) {
            String file = "episode-" + MediaFiles.label(length).replace(" ", "") + ".mp3";
            MediaFiles.writeMp3(docRoot.resolve(file), length);
            loads.add(new Load(file, length, false));
            loads.add(new Load(file, length, true));
        }
        table.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores; load average at")
                .append(" the start: ").append(Machine.loadAverage()).append("\n- servers: Java ")
                .append(System.getProperty("java.version")).append(", each its own JVM with ").append(heap)
                .append("; conditional-feed is ").append(jar.getFileName()).append(" (H2 file database, chunks of 256 KiB, media cache on,")
                .append(" access log on); Tomcat static is the same embedded Tomcat with DefaultServlet (sendfile on);")
                .append(" nginx: ").append(nginxPath.map(path -> path + ", 2 workers, sendfile on, access_log off")
                        .orElse("NOT installed (apt-get install nginx)"))
                .append("\n- load: ").append(small.describe()).append(" for 1 MiB and the probes, ").append(large.describe())
                .append(" for the full 100 MiB GET; -d").append(duration.toSeconds()).append("s per run, the servers taking")
                .append(" turns for ").append(rounds).append(" rounds after a warm-up run each; median over the rounds\n\n")
                .append("| request | server | req/s | MB/s | p50 ms | p99 ms | errors | vs Tomcat static | vs nginx |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        try (ChildProcess app = startApp(work)) {
            URI appBase = URI.create("http://127.0.0.1:" + app.awaitLogLine(LISTENING, Duration.ofMinutes(2)).group(1) + "/");
            Map<String, URI> appFiles = new LinkedHashMap<>();
            for (Load load : loads) {
                appFiles.computeIfAbsent(load.file(), file -> MediaFiles.upload(appBase, docRoot.resolve(file), password));
            }
            try (ChildProcess tomcat = ChildProcess.start(Report.TOMCAT, ServerJvm.command(heap, "-cp",
                            System.getProperty("java.class.path"), StaticFeedServer.class.getName(), docRoot.toString()),
                            Map.of(), work.resolve("tomcat.log"));
                    Nginx nginx = nginxPath.isEmpty() ? null : Nginx.start(nginxPath.get(), work.resolve("nginx"), docRoot)) {
                URI tomcatBase = URI.create("http://127.0.0.1:" + tomcat.awaitLogLine(LISTENING, Duration.ofMinutes(1))
                        .group(1) + "/");
                Map<String, java.util.function.Function<String, URI>> servers = new LinkedHashMap<>();
                servers.put(Report.APP, appFiles::get);
                servers.put(Report.TOMCAT, tomcatBase::resolve);
                if (nginx != null) {
                    URI nginxBase = URI.create("http://127.0.0.1:" + nginx.port() + "/");
                    servers.put(Report.NGINX, nginxBase::resolve);
                }
                for (Load load : loads) {
                    boolean big = load.length() > (1L << 20) && !load.probe();
                    Map<String, Wrk.Result> medians = measure(load, big ? large : small, big ? LARGE_CONNECTIONS
                            : SMALL_CONNECTIONS, servers, docRoot);
                    for (Map.Entry<String, Wrk.Result> result : medians.entrySet()) {
                        row(load, result.getKey(), result.getValue(), medians);
                    }
                }
                String download = clients + " clients download " + MediaFiles.label(100L << 20) + " at once";
                table.append("\n| ").append(download).append(" | server | all complete | wall time s | MB/s | VmRSS max |"
                        + " VmHWM | target |\n|---|---|---|---:|---:|---:|---:|---|\n");
                Load big = loads.get(2);
                downloads(download, Report.APP, app.pid(), appFiles.get(big.file()), big.length());
                downloads(download, Report.TOMCAT, tomcat.pid(), tomcatBase.resolve(big.file()), big.length());
            }
        } finally {
            MediaFiles.deleteRecursively(work);
        }
        notes.add("Load average at the end: " + Machine.loadAverage());
        table.append('\n');
        notes.forEach(note -> table.append("- ").append(note).append('\n'));
        System.out.print(table);
        Files.writeString(jar.getParent().resolve("benchmark-media.md"), table);
        return 0;
    }

    /** Warms every server up, then runs them in turns; the median run of each server by req/s. */
    private Map<String, Wrk.Result> measure(Load load, Wrk wrk, int connections,
            Map<String, java.util.function.Function<String, URI>> servers, Path docRoot)
            throws InterruptedException, IOException {
        byte[] expected = Files.readAllBytes(docRoot.resolve(load.file()));
        Map<String, List<Wrk.Result>> runs = new LinkedHashMap<>();
        for (Map.Entry<String, java.util.function.Function<String, URI>> server : servers.entrySet()) {
            URI uri = server.getValue().apply(load.file());
            MediaFiles.verify(server.getKey(), uri, expected, load.probe());
            wrk.run(uri, load.headers(), Duration.ofSeconds(3));
        }
        for (int round = 1; round <= rounds; round++) {
            for (Map.Entry<String, java.util.function.Function<String, URI>> server : servers.entrySet()) {
                System.err.printf("bench: round %d/%d, %s, %s%n", round, rounds, load.label(), server.getKey());
                Wrk.Result result = wrk.run(server.getValue().apply(load.file()), load.headers(), duration);
                runs.computeIfAbsent(server.getKey(), unused -> new ArrayList<>()).add(result);
                // wrk reports megabytes to two decimals, and counts the bytes of responses still
                // arriving when a run ends (up to one per connection) without counting those responses.
                double expectedBytes = load.probe() ? 2 : load.length();
                double inFlight = load.probe() ? 0 : expectedBytes * connections / Math.max(1, result.requests());
                if (result.bytesPerResponse() < expectedBytes * 0.99
                        || result.bytesPerResponse() > expectedBytes * 1.01 + inFlight + 2048) {
                    notes.add(String.format(Locale.ROOT, "CHECK %s, %s: %.0f bytes per response", server.getKey(),
                            load.label(), result.bytesPerResponse()));
                }
            }
        }
        Map<String, Wrk.Result> medians = new LinkedHashMap<>();
        runs.forEach((server, results) -> {
            List<Wrk.Result> sorted = new ArrayList<>(results);
            sorted.sort((a, b) -> Double.compare(a.requestsPerSecond(), b.requestsPerSecond()));
            medians.put(server, sorted.get(sorted.size() / 2));
        });
        return medians;
    }

    private void row(Load load, String server, Wrk.Result result, Map<String, Wrk.Result> all) {
        table.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %s | %s | %d | %s | %s |%n", load.label(),
                server, result.requestsPerSecond(), result.requestsPerSecond() * result.bytesPerResponse() / 1e6,
                Report.millis(result.p50Millis()), Report.millis(result.p99Millis()),
                result.badStatuses() + result.socketErrors(), ratio(result, all.get(Report.TOMCAT), server, true),
                ratio(result, all.get(Report.NGINX), server, false)));
    }

    /** The ratio of req/s to {@code baseline}'s; a miss of the 0.8x target shown when {@code judged}. */
    private String ratio(Wrk.Result result, Wrk.Result baseline, String server, boolean judged) {
        if (baseline == null) {
            return "";
        }
        double ratio = result.requestsPerSecond() / baseline.requestsPerSecond();
        String figure = String.format(Locale.ROOT, "%.2fx", ratio);
        return judged && server.equals(Report.APP) && ratio < TARGET_RATIO ? "**" + figure + "** (target 0.8x)"
                : figure;
    }

    private void downloads(String label, String server, long pid, URI uri, long length) throws InterruptedException {
        System.err.printf("bench: %s from %s%n", label, server);
        try (ResidentMemory memory = new ResidentMemory(pid)) {
            Downloads.Outcome outcome = Downloads.run(uri, length, clients, Duration.ofMinutes(10));
            memory.stop();
            double rssMb = memory.maxRssKb() / 1024.0;
            table.append(String.format(Locale.ROOT, "| | %s | %s | %.1f | %,.0f | %.0f MB | %s | %s |%n", server,
                    outcome.complete() == clients ? "yes, " + clients : "**" + outcome.complete() + " of " + clients + "**"
                            + outcome.firstFailure().map(failure -> " (" + failure + ")").orElse(""),
                    outcome.seconds(), outcome.complete() * (double) length / 1e6 / outcome.seconds(), rssMb,
                    Report.megabytes(memory.peakKb()), server.equals(Report.APP)
                            ? (rssMb < RSS_LIMIT_MB ? "PASS (< 256 MB)" : "MISS (< 256 MB)") : ""));
        }
    }

    private ChildProcess startApp(Path work) {
        return ChildProcess.start(Report.APP, ServerJvm.command(heap, "-XX:+ExitOnOutOfMemoryError", "-jar", jar.toString()),
                Map.of("FEED_PORT", "0", "FEED_DB_URL", "jdbc:h2:file:" + work.resolve("db/feed").toAbsolutePath(),
                        "FEED_ADMIN_PASSWORD", password, "FEED_BASE_URL", "https://blog.example.org"),
                work.resolve("app.log"));
    }

}
