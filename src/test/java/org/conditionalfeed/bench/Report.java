package org.conditionalfeed.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Everything one run measured, and its rendering as a Markdown table: per data set, each
 * scenario on each server with the ratio of its requests per second to the Tomcat and nginx
 * static-file baselines, the cold renders, and resident memory. {@link Targets} judges it.
 *
 * <p>Not thread-safe.
 */
final class Report {

    static final String APP = "conditional-feed";
    static final String APP_QUIET = "conditional-feed, access log off (diagnostic)";
    static final String APP_UNCOUNTED = "conditional-feed, reader counting off (diagnostic)";
    /** The other feeds of the same instance as {@link #APP}'s {@code /feed.xml}: server label to path. */
    static final Map<String, String> FORMATS = formats();
    static final String TOMCAT = "Tomcat static";
    static final String NGINX = "nginx static";
    /** Rounds whose req/s differ by more than this factor say the machine was busy. */
    private static final double NOISY = 1.5;

    /** One scenario on one server; {@code figures} is empty when it was skipped, and {@code note} says why. */
    record Load(long entries, Scenario scenario, String server, Optional<Figures> figures, String note) {
    }

    /** The medians over the rounds of one scenario on one server, with the range of req/s. */
    record Figures(double requestsPerSecond, double minRps, double maxRps, double p50Millis, double p99Millis,
            double bytesPerResponse, long errors, int rounds) {

        static Figures of(List<Wrk.Result> runs) {
            return new Figures(median(runs, Wrk.Result::requestsPerSecond),
                    runs.stream().mapToDouble(Wrk.Result::requestsPerSecond).min().orElse(0),
                    runs.stream().mapToDouble(Wrk.Result::requestsPerSecond).max().orElse(0),
                    median(runs, Wrk.Result::p50Millis), median(runs, Wrk.Result::p99Millis),
                    runs.stream().mapToDouble(Wrk.Result::bytesRead).sum()
                            / Math.max(1, runs.stream().mapToLong(Wrk.Result::requests).sum()),
                    runs.stream().mapToLong(run -> run.badStatuses() + run.socketErrors()).sum(), runs.size());
        }

        private static double median(List<Wrk.Result> runs, ToDoubleFunction<Wrk.Result> metric) {
            double[] sorted = runs.stream().mapToDouble(metric).sorted().toArray();
            int middle = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    /** Timed GETs right after a write, as the client saw them, and the server's own render times. */
    record Cold(long entries, List<Double> clientMillis, List<Double> serverMillis, List<Integer> itemCounts) {
    }

    /** Resident memory of one server process during one data set. */
    record Memory(long entries, String server, long maxRssKb, long peakKb) {
    }

    final List<String> header = new ArrayList<>();
    final List<Long> datasets = new ArrayList<>();
    final List<Load> loads = new ArrayList<>();
    final List<Cold> colds = new ArrayList<>();
    final List<Memory> memories = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    private static Map<String, String> formats() {
        Map<String, String> formats = new LinkedHashMap<>();
        formats.put(APP + " /feed.atom", "/feed.atom");
        formats.put(APP + " /feed.json", "/feed.json");
        String category = "/categories/" + EntryLoader.CATEGORY + "/feed.xml";
        formats.put(APP + " " + category, category);
        return Collections.unmodifiableMap(formats);
    }

    Optional<Figures> figures(long entries, Scenario scenario, String server) {
        return loads.stream().filter(load -> load.entries() == entries && load.scenario() == scenario
                && load.server().equals(server)).findFirst().flatMap(Load::figures);
    }

    Optional<Cold> cold(long entries) {
        return colds.stream().filter(cold -> cold.entries() == entries).findFirst();
    }

    String render() {
        StringBuilder out = new StringBuilder();
        header.forEach(line -> out.append(line).append('\n'));
        for (long entries : datasets) {
            out.append("\n### ").append(count(entries)).append(" entries\n\n");
            out.append("| scenario | server | req/s | req/s min-max | p50 ms | p99 ms | bytes/resp | errors"
                    + " | vs Tomcat static | vs nginx |\n");
            out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Scenario scenario : Scenario.values()) {
                List<String> servers = new ArrayList<>(List.of(APP, APP_QUIET, APP_UNCOUNTED));
                servers.addAll(FORMATS.keySet());
                servers.addAll(List.of(TOMCAT, NGINX));
                for (String server : servers) {
                    loads.stream().filter(load -> load.entries() == entries && load.scenario() == scenario
                            && load.server().equals(server)).forEach(load -> row(out, load));
                }
            }
            cold(entries).ifPresent(cold -> {
                String slowest = cold.clientMillis().size() < 100 ? ", p99 = slowest" : "";
                out.append("| first GET after a write, client side (n=").append(cold.clientMillis().size())
                        .append(slowest).append(") | ").append(APP).append(" | | | ")
                        .append(millis(percentile(cold.clientMillis(), 50)))
                        .append(" | ").append(millis(percentile(cold.clientMillis(), 99))).append(" | | | | |\n");
                List<Double> server = cold.serverMillis();
                out.append("| cold render after a write: server's own log, reading included (n=").append(server.size()).append(", items ")
                        .append(cold.itemCounts().stream().distinct().toList()).append(") | ").append(APP)
                        .append(" | | | ").append(server.isEmpty() ? "-" : millis(percentile(server, 50))).append(" | ")
                        .append(server.isEmpty() ? "-" : millis(percentile(server, 99))).append(" | | | | |\n");
            });
            memories.stream().filter(memory -> memory.entries() == entries).forEach(memory -> out
                    .append("| resident memory: VmRSS max under load / VmHWM | ").append(memory.server()).append(" | ")
                    .append(megabytes(memory.maxRssKb())).append(" / ").append(megabytes(memory.peakKb()))
                    .append(" | | | | | | | |\n"));
        }
        out.append('\n').append(new Targets(this).render());
        List<String> all = new ArrayList<>(notes);
        List<Load> noisy = loads.stream().filter(load -> load.figures().filter(figures ->
                figures.maxRps() > NOISY * figures.minRps()).isPresent()).toList();
        if (!noisy.isEmpty()) {
            all.add(noisy.size() + " of " + loads.size() + " rows vary by more than " + NOISY
                    + "x between rounds (e.g. " + noisy.get(0).server() + ", " + noisy.get(0).scenario().label() + ", "
                    + count(noisy.get(0).entries()) + " entries): something else had the CPU meanwhile; take those"
                    + " ratios with care, or run again on a quiet machine.");
        }
        if (!all.isEmpty()) {
            out.append("\nNotes:\n");
            all.forEach(note -> out.append("- ").append(note).append('\n'));
        }
        return out.toString();
    }

    private void row(StringBuilder out, Load load) {
        out.append("| ").append(load.scenario().label()).append(" | ").append(load.server()).append(" | ");
        if (load.figures().isEmpty()) {
            out.append("skipped: ").append(load.note()).append(" | | | | | | | |\n");
            return;
        }
        Figures figures = load.figures().get();
        out.append(String.format(Locale.ROOT, "%,.0f | %,.0f-%,.0f", figures.requestsPerSecond(), figures.minRps(),
                        figures.maxRps())).append(" | ")
                .append(millis(figures.p50Millis())).append(" | ").append(millis(figures.p99Millis())).append(" | ")
                .append(String.format(Locale.ROOT, "%,.0f", figures.bytesPerResponse())).append(" | ")
                .append(figures.errors())
                .append(load.note().isEmpty() ? "" : " " + load.note()).append(" | ")
                .append(ratio(load, TOMCAT)).append(" | ").append(ratio(load, NGINX)).append(" |\n");
    }

    private String ratio(Load load, String baseline) {
        return ratio(load.entries(), load.scenario(), load.server(), baseline)
                .map(value -> String.format(Locale.ROOT, "%.2fx", value)).orElse("n/a");
    }

    /** Requests per second of {@code server} over those of {@code baseline}, same data set and scenario. */
    Optional<Double> ratio(long entries, Scenario scenario, String server, String baseline) {
        Optional<Figures> measured = figures(entries, scenario, server);
        Optional<Figures> base = figures(entries, scenario, baseline);
        if (measured.isEmpty() || base.isEmpty() || base.get().requestsPerSecond() <= 0) {
            return Optional.empty();
        }
        return Optional.of(measured.get().requestsPerSecond() / base.get().requestsPerSecond());
    }

    /** Nearest-rank percentile; with n=15 samples p99 is the largest one. */
    static double percentile(List<Double> values, int percent) {
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static String millis(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.1f", value);
    }

    static String megabytes(long kilobytes) {
        return kilobytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MB", kilobytes / 1024.0);
    }

    static String count(long entries) {
        return String.format(Locale.ROOT, "%,d", entries).replace(',', ' ');
    }
}
