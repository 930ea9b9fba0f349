package org.conditionalfeed.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The benchmark's targets, judged on one {@link Report}: 304 at least as fast as Tomcat's
 * static-file 304; warm 200s at least 0.9x Tomcat's static-file 200 with the same bytes and
 * encoding; the largest data set within 10 % of the smallest; a cold 20-item render under 5 ms
 * at p50; resident memory under load under 256 MB; the Atom, JSON Feed and category feeds'
 * 304 and gzip 200 at least 0.9x those of {@code /feed.xml}. A figure that was not measured is
 * {@code SKIPPED}, never a pass.
 *
 * <p>Not thread-safe.
 */
final class Targets {

    private static final double RSS_LIMIT_MB = 256;
    private static final double COLD_P50_LIMIT_MS = 5;

    private final Report report;
    private final StringBuilder out = new StringBuilder();

    Targets(Report report) {
        this.report = report;
    }

    String render() {
        out.append("### Targets\n\n| target | measured | result |\n|---|---:|---|\n");
        for (long entries : report.datasets) {
            String set = " (" + Report.count(entries) + " entries)";
            ratioAtLeast("304 >= 1.0x Tomcat static 304" + set, entries, Scenario.NOT_MODIFIED, 1.0);
            ratioAtLeast("warm 200 identity >= 0.9x Tomcat static 200" + set, entries, Scenario.IDENTITY, 0.9);
            ratioAtLeast("warm 200 gzip >= 0.9x Tomcat static 200 gzip" + set, entries, Scenario.GZIP, 0.9);
        }
        for (long entries : report.datasets) {
            for (String format : Report.FORMATS.keySet()) {
                String feed = format.substring(Report.APP.length() + 1);
                for (Scenario scenario : List.of(Scenario.NOT_MODIFIED, Scenario.GZIP)) {
                    ratioAtLeast(feed + " " + scenario.label() + " >= 0.9x /feed.xml (" + Report.count(entries)
                            + " entries)", entries, scenario, format, Report.APP, 0.9);
                }
            }
        }
        if (report.datasets.size() >= 2) {
            long small = report.datasets.get(0);
            long large = report.datasets.get(report.datasets.size() - 1);
            String versus = Report.count(large) + " vs " + Report.count(small) + " entries within 10%: ";
            for (Scenario scenario : Scenario.values()) {
                within(versus + scenario.label() + " req/s",
                        figure(small, scenario, Report.Figures::requestsPerSecond),
                        figure(large, scenario, Report.Figures::requestsPerSecond));
                within(versus + scenario.label() + " p50", figure(small, scenario, Report.Figures::p50Millis),
                        figure(large, scenario, Report.Figures::p50Millis));
            }
            within(versus + "cold render p50", coldP50(small), coldP50(large));
        }
        for (long entries : report.datasets) {
            Optional<Double> p50 = coldP50(entries);
            line("cold 20-item render p50 < 5 ms, server's render log (" + Report.count(entries) + " entries)",
                    p50.map(value -> Report.millis(value) + " ms"),
                    p50.map(value -> value < COLD_P50_LIMIT_MS), p50.map(value -> value / COLD_P50_LIMIT_MS));
        }
        long maxRss = report.memories.stream().filter(memory -> memory.server().equals(Report.APP))
                .mapToLong(Report.Memory::maxRssKb).max().orElse(-1);
        long peak = report.memories.stream().filter(memory -> memory.server().equals(Report.APP))
                .mapToLong(Report.Memory::peakKb).max().orElse(-1);
        // Without a load generator the server was never under load: no verdict on that.
        boolean loaded = report.loads.stream().anyMatch(load -> load.server().equals(Report.APP)
                && load.figures().isPresent());
        Optional<Double> rssMb = maxRss < 0 || !loaded ? Optional.empty() : Optional.of(maxRss / 1024.0);
        line("resident memory under load < 256 MB (VmRSS max; VmHWM " + Report.megabytes(peak) + ")",
                rssMb.map(value -> String.format(Locale.ROOT, "%.0f MB", value)),
                rssMb.map(value -> value < RSS_LIMIT_MB), rssMb.map(value -> value / RSS_LIMIT_MB));
        return out.toString();
    }

    private void ratioAtLeast(String name, long entries, Scenario scenario, double minimum) {
        ratioAtLeast(name, entries, scenario, Report.APP, Report.TOMCAT, minimum);
    }

    private void ratioAtLeast(String name, long entries, Scenario scenario, String server, String baseline,
            double minimum) {
        Optional<Double> ratio = report.ratio(entries, scenario, server, baseline);
        line(name, ratio.map(value -> String.format(Locale.ROOT, "%.2fx", value)),
                ratio.map(value -> value >= minimum), ratio.map(value -> value / minimum));
    }

    private void within(String name, Optional<Double> small, Optional<Double> large) {
        Optional<Double> change = small.flatMap(base -> large.map(value -> value / base - 1));
        line(name, change.map(value -> String.format(Locale.ROOT, "%+.1f%%", value * 100)),
                change.map(value -> Math.abs(value) <= 0.10), Optional.empty());
    }

    /** One target line; {@code ofLimit} is the measured figure over its limit, shown for a miss. */
    private void line(String name, Optional<String> measured, Optional<Boolean> pass, Optional<Double> ofLimit) {
        String result = pass.map(ok -> ok ? "PASS" : "MISS" + ofLimit.map(value ->
                String.format(Locale.ROOT, " (%.2f of the limit)", value)).orElse("")).orElse("SKIPPED");
        out.append("| ").append(name).append(" | ").append(measured.orElse("not measured")).append(" | ")
                .append(result).append(" |\n");
    }

    private Optional<Double> figure(long entries, Scenario scenario, Function<Report.Figures, Double> metric) {
        return report.figures(entries, scenario, Report.APP).map(metric);
    }

    private Optional<Double> coldP50(long entries) {
        return report.cold(entries).filter(cold -> !cold.serverMillis().isEmpty())
                .map(cold -> Report.percentile(cold.serverMillis(), 50));
    }
}
