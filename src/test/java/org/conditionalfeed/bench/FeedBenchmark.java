package org.conditionalfeed.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The benchmark, in one run on one machine: for each data set (1 000, then 1 000 000 entries)
 * it loads the entries with the server stopped, starts the packaged jar as a child JVM, and
 * serves the very feed bytes it answers with as static files behind Tomcat's
 * {@code DefaultServlet} and behind nginx; {@link ScenarioRunner} measures them all, taking
 * turns, with the same instance's Atom, JSON Feed and category feed beside its RSS, then
 * {@link ColdRenders} times renders after writes. Prints the table to standard output
 * and writes it to {@code target/benchmark.md}; progress goes to standard error. Every child
 * process is stopped on the way out.
 *
 * <pre>mvn -B -q package -DskipTests &amp;&amp; java -cp target/test-classes:target/conditional-feed.jar org.conditionalfeed.bench.FeedBenchmark</pre>
 *
 * <p>Options as system properties: {@code bench.sizes} (default {@code 1000,1000000}),
 * {@code bench.seconds} (5 per scenario and round), {@code bench.rounds} (5),
 * {@code bench.warmupSeconds} (5 per scenario, before any is measured), {@code bench.threads}
 * (2), {@code bench.connections} (32), {@code bench.coldRenders} (30), {@code bench.heap}
 * ({@value ServerJvm#DEFAULT_FLAGS}, for every server JVM alike), {@code bench.timeoutMinutes} (60),
 * {@code bench.keep} (false: delete the temporary directory), {@code bench.diagnostics} (true:
 * also measure the app with its access log off, on a copy of the database),
 * {@code bench.maxStealPercent} (10) and {@code bench.retries} (2: a run during which the
 * hypervisor took more of the CPU is repeated, at most this often),
 * {@code bench.wrk} and {@code bench.nginx} (paths of the executables; default: found on the
 * machine). Not thread-safe.
 */
public final class FeedBenchmark {

    private static final Pattern LISTENING = Pattern.compile("Listening on http://[^/]+:(\\d+)/");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Options options;
    private final Path jar;
    private final Report report = new Report();
    private final String adminPassword = "bench-" + UUID.randomUUID();
    private final Optional<Path> nginx = Nginx.find();
    private final ScenarioRunner runner;

    private FeedBenchmark(Options options, Path jar) {
        this.options = options;
        this.jar = jar;
        Optional<Wrk> wrk = Wrk.find(options.threads(), options.connections());
        this.runner = new ScenarioRunner(wrk, options, report);
        Machine.describe(report, options, wrk, nginx);
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.fromSystemProperties();
        Machine.watchdog(options.timeout());
        System.exit(new FeedBenchmark(options, locateJar()).run());
    }

    private int run() throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("feed-bench-");
        String dbUrl = "jdbc:h2:file:" + work.resolve("db/feed").toAbsolutePath();
        // Also when the watchdog or Ctrl-C ends the run: a half-loaded database can take gigabytes.
        Thread cleanup = new Thread(() -> deleteRecursively(work), "bench-cleanup");
        if (!options.keep()) {
            Runtime.getRuntime().addShutdownHook(cleanup);
        }
        int status = 0;
        try {
            for (long entries : options.sizes()) {
                long loaded = EntryLoader.topUp(dbUrl, entries);
                report.datasets.add(entries);
                report.notes.add(Report.count(entries) + "-entry data set: " + Report.count(loaded)
                        + " entries in the database before the cold renders added " + options.coldRenders() + ".");
                measure(entries, work, dbUrl);
            }
        } catch (RuntimeException | IOException e) {
            status = 1;
            report.notes.add("THE RUN FAILED, the table is incomplete: " + e);
            e.printStackTrace();
        } finally {
            if (!options.keep()) {
                deleteRecursively(work);
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } else {
                System.err.println("bench: kept " + work);
            }
        }
        report.notes.add("Load average at the end: " + Machine.loadAverage());
        String table = report.render();
        System.out.print(table);
        Path markdown = jar.getParent().resolve("benchmark.md");
        Files.writeString(markdown, table);
        System.err.println("bench: wrote " + markdown);
        return status;
    }

    private void measure(long entries, Path work, String dbUrl) throws IOException, InterruptedException {
        Path docRoot = Files.createDirectories(work.resolve("static-" + entries));
        String quietUrl = null;
        String uncountedUrl = null;
        if (options.diagnostics()) {
            // The diagnostic instance needs a database of its own (an embedded H2 file has one
            // user), copied once a first start has recorded the feed settings, so that both
            // instances serve the same revision and bytes.
            try (ChildProcess settle = startApp(work, dbUrl, "app-settle-" + entries)) {
                baseUri(settle);
            }
            quietUrl = copyDatabase(dbUrl, work.resolve("db-quiet-" + entries));
            uncountedUrl = copyDatabase(dbUrl, work.resolve("db-uncounted-" + entries));
        }
        try (ChildProcess app = startApp(work, dbUrl, "app-" + entries);
                ResidentMemory appMemory = new ResidentMemory(app.pid())) {
            URI base = baseUri(app);
            URI feed = base.resolve("/feed.xml");
            byte[] identity = fetch(feed, Scenario.IDENTITY);
            byte[] gzip = fetch(feed, Scenario.GZIP);
            Files.write(docRoot.resolve("feed.xml"), identity);
            Files.write(docRoot.resolve("feed.xml.gz"), gzip);
            List<ScenarioRunner.Target> targets = new ArrayList<>();
            targets.add(runner.target(Report.APP, feed, identity, gzip));
            // The other formats and a category feed of the same instance, judged against /feed.xml.
            for (Map.Entry<String, String> format : Report.FORMATS.entrySet()) {
                URI other = base.resolve(format.getValue());
                targets.add(runner.target(format.getKey(), other, fetch(other, Scenario.IDENTITY),
                        fetch(other, Scenario.GZIP)));
            }
            try (ChildProcess quiet = quietUrl == null ? null : startApp(work, quietUrl, "app-quiet-" + entries,
                            Map.of(), "-Djava.util.logging.config.file=" + quietLogging(work));
                    ChildProcess uncounted = uncountedUrl == null ? null : startApp(work, uncountedUrl,
                            "app-uncounted-" + entries, Map.of("FEED_READER_REPORT_DAYS", "0"));
                    ChildProcess tomcat = ChildProcess.start(Report.TOMCAT, ServerJvm.command(options.heap(), "-cp",
                            System.getProperty("java.class.path"), StaticFeedServer.class.getName(),
                            docRoot.toString()), Map.of(), work.resolve("tomcat-" + entries + ".log"));
                    Nginx nginxServer = nginx.isEmpty() ? null
                            : Nginx.start(nginx.get(), work.resolve("nginx-" + entries), docRoot);
                    ResidentMemory tomcatMemory = new ResidentMemory(tomcat.pid())) {
                if (quiet != null) {
                    targets.add(runner.target(Report.APP_QUIET, baseUri(quiet).resolve("/feed.xml"), identity, gzip));
                }
                if (uncounted != null) {
                    targets.add(runner.target(Report.APP_UNCOUNTED, baseUri(uncounted).resolve("/feed.xml"), identity,
                            gzip));
                }
                targets.add(runner.target(Report.TOMCAT, baseUri(tomcat).resolve("/feed.xml"), identity, gzip));
                if (nginxServer != null) {
                    targets.add(runner.target(Report.NGINX,
                            URI.create("http://127.0.0.1:" + nginxServer.port() + "/feed.xml"), identity, gzip));
                } else {
                    for (Scenario scenario : Scenario.values()) {
                        report.loads.add(new Report.Load(entries, scenario, Report.NGINX, Optional.empty(),
                                "nginx not installed (apt-get install nginx)"));
                    }
                }
                runner.measure(entries, targets);
                report.ratio(entries, Scenario.NOT_MODIFIED, Report.APP, Report.APP_UNCOUNTED).ifPresent(ratio ->
                        report.notes.add(Report.count(entries) + "-entry data set: the 304 rate with reader counting on"
                                + " is " + String.format(java.util.Locale.ROOT, "%.3f", ratio) + " times the rate with"
                                + " it off (the target: above 0.95)."));
                appMemory.stop();
                tomcatMemory.stop();
                report.memories.add(new Report.Memory(entries, Report.APP, appMemory.maxRssKb(), appMemory.peakKb()));
                report.memories.add(new Report.Memory(entries, Report.TOMCAT, tomcatMemory.maxRssKb(),
                        tomcatMemory.peakKb()));
            }
            // Alone on the machine again: only the application and this harness run now.
            report.colds.add(ColdRenders.measure(runner.probe(), app, base, adminPassword, entries,
                    options.coldRenders()));
        }
    }

    private static String copyDatabase(String dbUrl, Path directory) throws IOException {
        Path file = Path.of(dbUrl.substring("jdbc:h2:file:".length()) + ".mv.db");
        Files.createDirectories(directory);
        Files.copy(file, directory.resolve("feed.mv.db"));
        return "jdbc:h2:file:" + directory.resolve("feed").toAbsolutePath();
    }

    private static Path quietLogging(Path work) throws IOException {
        return Files.writeString(work.resolve("quiet-access-log.properties"),
                "org.conditionalfeed.access.level = WARNING\n");
    }

    private ChildProcess startApp(Path work, String dbUrl, String logName, String... jvmOptions) {
        return startApp(work, dbUrl, logName, Map.of(), jvmOptions);
    }

    private ChildProcess startApp(Path work, String dbUrl, String logName, Map<String, String> settings,
            String... jvmOptions) {
        List<String> command = ServerJvm.command(options.heap());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", jar.toString()));
        Map<String, String> env = new java.util.HashMap<>(Map.of("FEED_PORT", "0", "FEED_DB_URL", dbUrl,
                "FEED_ADMIN_PASSWORD", adminPassword, "FEED_BASE_URL", "https://blog.example.org"));
        env.putAll(settings);
        return ChildProcess.start(Report.APP, command, env, work.resolve(logName + ".log"));
    }

    private static URI baseUri(ChildProcess server) throws InterruptedException {
        return URI.create("http://127.0.0.1:" + server.awaitLogLine(LISTENING, START_TIMEOUT).group(1) + "/");
    }

    private byte[] fetch(URI feed, Scenario scenario) {
        return runner.probe().get(feed, scenario.headers(null)).body();
    }


    private static Path locateJar() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).filter(path -> path.getFileName().toString().equals("conditional-feed.jar"))
                .filter(Files::isRegularFile).findFirst().map(Path::toAbsolutePath)
                .orElseThrow(() -> new IllegalStateException("target/conditional-feed.jar is not on the class path;"
                        + " build it first: mvn -B -q package -DskipTests"));
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("bench: could not delete all of " + directory + ": " + e.getMessage());
        }
    }
}
