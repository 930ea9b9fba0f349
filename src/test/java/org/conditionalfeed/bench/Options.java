package org.conditionalfeed.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * The settings of one benchmark run, from system properties (see {@link FeedBenchmark}).
 *
 * @param diagnostics whether to also measure the app with its access log off, a row no target judges
 * @param maxSteal the share of CPU time the hypervisor may take from a run before it is repeated
 * @param retries how often one run is repeated at most
 */
record Options(List<Long> sizes, Duration duration, int rounds, Duration warmup, int threads, int connections,
        int coldRenders, String heap, Duration timeout, boolean keep, boolean diagnostics, double maxSteal,
        int retries) {

    static Options fromSystemProperties() {
        return new Options(Arrays.stream(System.getProperty("bench.sizes", "1000,1000000").split(","))
                .map(String::trim).map(Long::parseLong).toList(),
                Duration.ofSeconds(Long.getLong("bench.seconds", 5)), Integer.getInteger("bench.rounds", 5),
                Duration.ofSeconds(Long.getLong("bench.warmupSeconds", 5)),
                Integer.getInteger("bench.threads", 2), Integer.getInteger("bench.connections", 32),
                Integer.getInteger("bench.coldRenders", 30), ServerJvm.flags(),
                Duration.ofMinutes(Long.getLong("bench.timeoutMinutes", 60)), Boolean.getBoolean("bench.keep"),
                Boolean.parseBoolean(System.getProperty("bench.diagnostics", "true")),
                Integer.getInteger("bench.maxStealPercent", 10) / 100.0, Integer.getInteger("bench.retries", 2));
    }

    String started() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
