package org.conditionalfeed.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the figures depend on besides the code: the machine, the JVM, the load generator and the
 * baselines in use, written at the head of the report; and the watchdog that bounds a run.
 */
final class Machine {

    private Machine() {
    }

    static void describe(Report report, Options options, Optional<Wrk> wrk, Optional<Path> nginx) {
        report.header.add("## conditional-feed benchmark, " + options.started());
        report.header.add("");
        report.header.add("- machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + cpuModel()
                + ", Linux " + firstLine("/proc/sys/kernel/osrelease") + "; load average at the start: "
                + loadAverage());
        report.header.add("- servers: Java " + System.getProperty("java.version") + ", each its own JVM with "
                + options.heap() + "; conditional-feed is target/conditional-feed.jar with its defaults (H2 file"
                + " database, access log on); Tomcat static is the same embedded Tomcat with DefaultServlet");
        report.header.add("- load: " + wrk.map(found -> found.describe() + " -d" + options.duration().toSeconds()
                + "s, on the same machine; after a warm-up of " + options.warmup().toSeconds() + " s per scenario"
                + " on each server, the servers take turns for " + options.rounds() + " rounds; each figure is the"
                + " median over the rounds; a run during which the hypervisor took over "
                + Math.round(100 * options.maxSteal()) + "% of the CPU is repeated, up to " + options.retries()
                + " times")
                .orElse("wrk is NOT installed (apt-get install wrk): every req/s and latency row is skipped"));
        report.header.add("- nginx: " + nginx.map(path -> path + " " + nginxVersion(path)
                + ", 2 workers, access_log off, gzip_static on, etag on")
                .orElse("NOT installed (apt-get install nginx): the nginx rows and ratios are skipped"));
        if (options.diagnostics()) {
            report.header.add("- diagnostic rows (no target judges them): the same jar with its"
                    + " org.conditionalfeed.access logger set to WARNING through a java.util.logging config file, on a"
                    + " copy of the database, serving the same bytes; and the same jar with FEED_READER_REPORT_DAYS=0 (no"
                    + " reader counting), on another copy; -Dbench.diagnostics=false leaves them out");
        }
        report.header.add("- ratios are requests per second over those of the static-file server, same scenario,"
                + " same bytes; 304 requests carry the server's own identity ETag in If-None-Match");
    }

    /** Ends the run (and, through the shutdown hook, every child) if it takes longer than {@code timeout}. */
    static void watchdog(Duration timeout) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(timeout.toMillis());
                System.err.println("bench: the run took longer than " + timeout + "; stopping every child and exiting");
                System.exit(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /**
     * CPU time since boot from {@code /proc/stat}, in clock ticks: {@code [stolen, total]}. Time
     * the hypervisor gave to other guests ("steal") is the noise this machine cannot see otherwise.
     */
    static long[] cpuTicks() {
        String[] fields = firstLine("/proc/stat").trim().split("\\s+");
        if (fields.length < 9 || !fields[0].equals("cpu")) {
            return new long[] {0, 0};
        }
        long total = 0;
        for (int field = 1; field <= 8; field++) {
            total += Long.parseLong(fields[field]);
        }
        return new long[] {Long.parseLong(fields[8]), total};
    }

    static String loadAverage() {
        String line = firstLine("/proc/loadavg");
        String[] fields = line.split(" ");
        return fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : line;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .findFirst().map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String nginxVersion(Path nginx) {
        try {
            String output = ChildProcess.run(List.of(nginx.toString(), "-v"), Duration.ofSeconds(10)).strip();
            return output.contains("/") ? output.substring(output.indexOf('/') + 1) : output;
        } catch (InterruptedException | RuntimeException e) {
            return "(version unknown)";
        }
    }

    private static String firstLine(String file) {
        try {
            return Files.readAllLines(Path.of(file)).stream().findFirst().orElse("?").trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
