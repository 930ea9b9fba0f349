package org.conditionalfeed.bench;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.conditionalfeed.testing.ConnectionFlood;
import org.conditionalfeed.testing.ConnectionFlood.Kind;

/**
 * What floods do to the packaged jar, run as production runs it ({@code -Xmx128m
 * -XX:+ExitOnOutOfMemoryError}): a reader's {@code GET /feed.xml} latency (a new connection per
 * request, as a reader polling every few minutes makes) while 10 000 idle or half-sent
 * connections are held, opened once or reopened as soon as the server closes them; and the
 * server's heap and resident memory after {@code wrk} sent cookieless {@code GET /admin/login}
 * requests for a minute. Prints a Markdown table and writes it to {@code target/flood-benchmark.md}.
 *
 * <pre>mvn -B -q package -DskipTests &amp;&amp; java -cp target/test-classes:target/conditional-feed.jar org.conditionalfeed.bench.FloodBenchmark</pre>
 *
 * <p>Options: {@code bench.floodConnections} (10000), {@code bench.floodSeconds} (30, reader
 * probes per flood), {@code bench.loginSeconds} (60), {@code bench.heap} ({@value ServerJvm#DEFAULT_FLAGS}). Needs
 * {@code wrk} for the login row and an open-files limit above the flood's size. Not thread-safe.
 */
public final class FloodBenchmark {

    private static final Pattern LISTENING = Pattern.compile("Listening on http://[^/]+:(\\d+)/");
    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");
    private static final int PROBE_TIMEOUT_MILLIS = 30_000;
    private static final long ENTRIES = 1_000;

    private final int connections = Integer.getInteger("bench.floodConnections", 10_000);
    private final Duration probing = Duration.ofSeconds(Long.getLong("bench.floodSeconds", 30));
    private final Duration login = Duration.ofSeconds(Long.getLong("bench.loginSeconds", 60));
    private final String heap = ServerJvm.flags();
    private final Path jar = Path.of("target/conditional-feed.jar").toAbsolutePath();
    private final List<String> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private String dbUrl;

    public static void main(String[] args) throws Exception {
        System.exit(new FloodBenchmark().run());
    }

    private int run() throws IOException, InterruptedException {
        long files = ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getMaxFileDescriptorCount();
        if (files < connections + 1_000L) {
            System.err.println("bench: the open-files limit is " + files + "; raise it (ulimit -n " + (connections + 1_000)
                    + ") for " + connections + " connections");
            return 2;
        }
        Path work = Files.createTempDirectory("flood-bench-");
        dbUrl = "jdbc:h2:file:" + work.resolve("db/feed").toAbsolutePath();
        EntryLoader.topUp(dbUrl, ENTRIES);
        notes.add("machine: " + Runtime.getRuntime().availableProcessors() + " cores; load average at the start: "
                + Machine.loadAverage());
        notes.add("server: target/conditional-feed.jar, java " + heap + " -XX:+ExitOnOutOfMemoryError, H2 file database"
                + " with " + count(ENTRIES) + " entries (the feed shows 20); probes: one GET /feed.xml every 50 ms, each on a new connection, timeout 30 s");
        floodRow(work, "no flood (baseline)", null, false);
        for (Kind kind : Kind.values()) {
            floodRow(work, count(connections) + " " + name(kind) + " connections, opened once", kind, false);
            floodRow(work, count(connections) + " " + name(kind) + " connections, reopened when closed", kind, true);
        }
        loginRow(work);
        notes.add("Load average at the end: " + Machine.loadAverage());
        StringBuilder table = new StringBuilder()
                .append("| flood | feed p50 ms | feed p99 ms | feed max ms | probes | failed | server at the end, flood still held |\n")
                .append("|---|---:|---:|---:|---:|---:|---|\n");
        rows.forEach(row -> table.append(row).append('\n'));
        table.append('\n');
        notes.forEach(note -> table.append("- ").append(note).append('\n'));
        System.out.print(table);
        Files.writeString(jar.getParent().resolve("flood-benchmark.md"), table);
        return 0;
    }

    private void floodRow(Path work, String label, Kind kind, boolean reopen) throws IOException, InterruptedException {
        try (ChildProcess app = startApp(work, "app-" + rows.size()); ResidentMemory memory = new ResidentMemory(app.pid())) {
            int port = port(app);
            ConnectionFlood flood = kind == null ? null
                    : ConnectionFlood.open(new InetSocketAddress("127.0.0.1", port), connections, kind, reopen);
            List<Double> millis = new ArrayList<>();
            int failed = 0;
            String held;
            try {
                Thread.sleep(3_000);
                long until = System.nanoTime() + probing.toNanos();
                while (System.nanoTime() < until) {
                    long start = System.nanoTime();
                    failed += probe(port) ? 0 : 1;
                    millis.add((System.nanoTime() - start) / 1e6);
                    Thread.sleep(50);
                }
                held = state(app, memory);
            } finally {
                if (flood != null) {
                    flood.close();
                }
            }
            rows.add(String.format("| %s | %.1f | %.1f | %.1f | %d | %d | %s |", label, Report.percentile(millis, 50),
                    Report.percentile(millis, 99), millis.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                    millis.size(), failed, held));
        }
    }

    private void loginRow(Path work) throws IOException, InterruptedException {
        try (ChildProcess app = startApp(work, "app-login"); ResidentMemory memory = new ResidentMemory(app.pid())) {
            int port = port(app);
            Wrk.Result result = Wrk.find(2, 32).orElseThrow(() -> new IllegalStateException("wrk is not installed"))
                    .run(URI.create("http://127.0.0.1:" + port + "/admin/login"), List.of(), login);
            List<Double> after = new ArrayList<>();
            int failed = 0;
            for (int i = 0; i < 100; i++) {
                long start = System.nanoTime();
                failed += probe(port) ? 0 : 1;
                after.add((System.nanoTime() - start) / 1e6);
            }
            rows.add(String.format("| %s cookieless GET /admin/login in %d s (wrk, %,.0f req/s, %d errors); feed probed after"
                    + " | %.1f | %.1f | %.1f | %d | %d | %s |", count(result.requests()), login.toSeconds(),
                    result.requestsPerSecond(), result.badStatuses() + result.socketErrors(), Report.percentile(after, 50),
                    Report.percentile(after, 99), after.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                    after.size(), failed, state(app, memory)));
        }
    }

    /** Alive or not, the live heap after a full GC, and the largest resident size sampled so far. */
    private static String state(ChildProcess app, ResidentMemory memory) throws InterruptedException {
        memory.stop();
        if (app.exitStatus().isPresent()) {
            return "**exited with status " + app.exitStatus().getAsInt() + "**; VmRSS max " + memory.maxRssKb() / 1024 + " MB";
        }
        ChildProcess.run(List.of(jcmd(), Long.toString(app.pid()), "GC.run"), Duration.ofSeconds(60));
        Matcher used = HEAP_USED.matcher(ChildProcess.run(List.of(jcmd(), Long.toString(app.pid()), "GC.heap_info"),
                Duration.ofSeconds(60)));
        return "alive; live heap " + (used.find() ? Long.parseLong(used.group(1)) / 1024 + " MB" : "?")
                + "; VmRSS max " + memory.maxRssKb() / 1024 + " MB";
    }

    /** One reader's request on a new connection; whether it got a whole 200. */
    private static boolean probe(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), PROBE_TIMEOUT_MILLIS);
            socket.setSoTimeout(PROBE_TIMEOUT_MILLIS);
            socket.getOutputStream().write("GET /feed.xml HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] response = socket.getInputStream().readAllBytes();
            String text = new String(response, StandardCharsets.ISO_8859_1);
            return text.startsWith("HTTP/1.1 200") && text.contains("</rss>");
        } catch (IOException e) {
            return false;
        }
    }

    private ChildProcess startApp(Path work, String name) {
        return ChildProcess.start(Report.APP, ServerJvm.command(heap, "-XX:+ExitOnOutOfMemoryError", "-jar", jar.toString()),
                Map.of("FEED_PORT", "0", "FEED_DB_URL", dbUrl,
                        "FEED_ADMIN_PASSWORD", "bench-" + UUID.randomUUID(), "FEED_BASE_URL", "https://blog.example.org"),
                work.resolve(name + ".log"));
    }

    private static int port(ChildProcess app) throws InterruptedException {
        return Integer.parseInt(app.awaitLogLine(LISTENING, Duration.ofSeconds(120)).group(1));
    }

    private static String name(Kind kind) {
        return kind == Kind.IDLE ? "idle" : "half-sent";
    }

    private static String count(long value) {
        return String.format("%,d", value).replace(',', ' ');
    }

    private static String jcmd() {
        return Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    }

}
