package org.conditionalfeed.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Drives the servers of one data set through the three {@link Scenario}s with wrk. Each server is
 * first checked with single requests (status, encoding, exact bytes) and warmed up; then the
 * servers take turns, scenario by scenario, for several rounds, so that whatever else the machine
 * is doing meanwhile falls on all of them alike. Each figure is the median over the rounds.
 *
 * <p>Not thread-safe.
 */
final class ScenarioRunner {

    /** A running server and what it must serve. */
    record Target(String server, URI feed, String etag, byte[] identity, byte[] gzip) {
    }

    private final Optional<Wrk> wrk;
    private final Options options;
    private final Report report;
    private final Probe probe = new Probe();
    private long stolenTicks;
    private long totalTicks;
    private double worstSteal;
    private int repeated;
    private int stillStolen;

    ScenarioRunner(Optional<Wrk> wrk, Options options, Report report) {
        this.wrk = wrk;
        this.options = options;
        this.report = report;
    }

    Probe probe() {
        return probe;
    }

    /** Checks that {@code feed} serves exactly these bytes and answers 304 to its own ETag. */
    Target target(String server, URI feed, byte[] identity, byte[] gzip) {
        return new Target(server, feed, probe.verify(server, feed, identity, gzip), identity, gzip);
    }

    /** Warms every server up, then measures every scenario on every server, taking turns. */
    void measure(long entries, List<Target> targets) throws InterruptedException {
        if (wrk.isEmpty()) {
            for (Target target : targets) {
                for (Scenario scenario : Scenario.values()) {
                    report.loads.add(new Report.Load(entries, scenario, target.server(), Optional.empty(),
                            "wrk not installed (apt-get install wrk)"));
                }
            }
            return;
        }
        report.notes.add("Load average before the " + Report.count(entries) + "-entry rounds: "
                + Machine.loadAverage());
        // The JIT needs many thousands of requests on every path before a server is at its speed.
        System.err.printf("bench: [%s entries] warming up %d servers, %d s per scenario%n", Report.count(entries),
                targets.size(), options.warmup().toSeconds());
        for (Target target : targets) {
            for (Scenario scenario : Scenario.values()) {
                if (!options.warmup().isZero()) {
                    wrk.get().run(target.feed(), scenario.headers(target.etag()), options.warmup());
                }
            }
        }
        stolenTicks = 0;
        totalTicks = 0;
        worstSteal = 0;
        repeated = 0;
        stillStolen = 0;
        Map<String, List<Wrk.Result>> runs = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        for (int round = 1; round <= options.rounds(); round++) {
            for (Scenario scenario : Scenario.values()) {
                for (Target target : targets) {
                    System.err.printf("bench: [%s entries] round %d/%d, %s, %s: %d s%n", Report.count(entries), round,
                            options.rounds(), target.server(), scenario.label(), options.duration().toSeconds());
                    Wrk.Result result = run(entries, target, scenario);
                    String key = target.server() + "\n" + scenario.name();
                    runs.computeIfAbsent(key, unused -> new ArrayList<>()).add(result);
                    String note = plausibility(scenario, result, target);
                    if (!note.isEmpty()) {
                        notes.put(key, note);
                    }
                }
            }
        }
        report.notes.add(String.format(Locale.ROOT, "CPU time the hypervisor gave to other guests (steal) during the"
                + " %s-entry runs kept: %.1f%% (worst run: %.1f%%); %d runs were repeated for taking over %.0f%%,"
                + " %d kept runs are still over it.", Report.count(entries),
                totalTicks == 0 ? 0 : 100.0 * stolenTicks / totalTicks, 100 * worstSteal, repeated,
                100 * options.maxSteal(), stillStolen));
        for (Target target : targets) {
            for (Scenario scenario : Scenario.values()) {
                String key = target.server() + "\n" + scenario.name();
                report.loads.add(new Report.Load(entries, scenario, target.server(),
                        Optional.of(Report.Figures.of(runs.get(key))), notes.getOrDefault(key, "")));
            }
        }
    }

    /** One wrk run, repeated (a bounded number of times) while the hypervisor takes too much of the CPU. */
    private Wrk.Result run(long entries, Target target, Scenario scenario) throws InterruptedException {
        Wrk.Result result;
        double steal;
        for (int attempt = 0; ; attempt++) {
            long[] before = Machine.cpuTicks();
            result = wrk.get().run(target.feed(), scenario.headers(target.etag()), options.duration());
            long[] after = Machine.cpuTicks();
            steal = after[1] > before[1] ? (after[0] - before[0]) / (double) (after[1] - before[1]) : 0;
            if (steal <= options.maxSteal() || attempt >= options.retries()) {
                stolenTicks += after[0] - before[0];
                totalTicks += after[1] - before[1];
                break;
            }
            repeated++;
            System.err.printf(Locale.ROOT, "bench:   %,.0f req/s, but the hypervisor took %.0f%% of the CPU; again%n",
                    result.requestsPerSecond(), 100 * steal);
        }
        worstSteal = Math.max(worstSteal, steal);
        if (steal > options.maxSteal()) {
            stillStolen++;
        }
        probe.recheck(target.server(), target.feed(), scenario, target.etag());
        if (result.badStatuses() + result.socketErrors() > 0) {
            report.notes.add(target.server() + ", " + scenario.label() + ", " + Report.count(entries)
                    + " entries: wrk saw " + result.badStatuses() + " non-2xx/3xx responses and "
                    + result.socketErrors() + " socket errors:\n```\n" + result.output().strip() + "\n```");
        }
        System.err.printf(Locale.ROOT, "bench:   %,.0f req/s, p50 %s ms, p99 %s ms%n", result.requestsPerSecond(),
                Report.millis(result.p50Millis()), Report.millis(result.p99Millis()));
        return result;
    }

    /**
     * Bytes per response must fit the scenario: a 304 carries headers only, a 200 its whole body
     * plus headers. wrk does not count statuses, so this catches a scenario that changed answer.
     */
    private static String plausibility(Scenario scenario, Wrk.Result result, Target target) {
        double perResponse = result.bytesPerResponse();
        int identity = target.identity().length;
        int gzip = target.gzip().length;
        boolean plausible = switch (scenario) {
            case NOT_MODIFIED -> perResponse < Math.min(1024, identity);
            case IDENTITY -> perResponse >= identity * 0.99 && perResponse < identity + 2048;
            case GZIP -> perResponse >= gzip * 0.99 && perResponse < gzip + 2048;
        };
        return plausible ? "" : String.format(Locale.ROOT, "(CHECK: %.0f bytes/response does not fit a %s)",
                perResponse, scenario.label());
    }
}
