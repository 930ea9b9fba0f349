package org.conditionalfeed.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP load generator: Debian's {@code wrk}, run with {@code --latency} and parsed for
 * requests per second, the 50 % and 99 % latencies, bytes read, and errors.
 *
 * <p>Immutable and thread-safe.
 */
final class Wrk {

    private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern TOTAL = Pattern.compile(
            "(\\d+) requests in [\\d.]+\\w+, ([\\d.]+)(B|KB|MB|GB|TB) read");
    private static final Pattern NON_2XX_3XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    /** What one run measured. */
    record Result(double requestsPerSecond, double p50Millis, double p99Millis, long requests, double bytesRead,
            long badStatuses, long socketErrors, String output) {

        double bytesPerResponse() {
            return requests == 0 ? 0 : bytesRead / requests;
        }
    }

    private final Path executable;
    private final int threads;
    private final int connections;

    private Wrk(Path executable, int threads, int connections) {
        this.executable = executable;
        this.threads = threads;
        this.connections = connections;
    }

    /** wrk as {@code -Dbench.wrk} names it, else from the {@code PATH} or /usr/bin, if installed. */
    static Optional<Wrk> find(int threads, int connections) {
        String named = System.getProperty("bench.wrk");
        if (named != null) {
            return Optional.of(Path.of(named)).filter(Files::isExecutable)
                    .map(path -> new Wrk(path, threads, connections));
        }
        List<Path> candidates = new ArrayList<>();
        for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!directory.isEmpty()) {
                candidates.add(Path.of(directory, "wrk"));
            }
        }
        candidates.add(Path.of("/usr/bin/wrk"));
        return candidates.stream().filter(Files::isExecutable).findFirst()
                .map(path -> new Wrk(path, threads, connections));
    }

    String describe() {
        return executable + " -t" + threads + " -c" + connections + " --timeout 5s --latency";
    }

    /** Loads {@code url} with the given {@code Name: value} headers for {@code duration}. */
    Result run(URI url, List<String> headers, Duration duration) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-t" + threads, "-c" + connections,
                "-d" + Math.max(1, duration.toSeconds()) + "s", "--timeout", "5s", "--latency"));
        for (String header : headers) {
            command.add("-H");
            command.add(header);
        }
        command.add(url.toString());
        String output = ChildProcess.run(command, duration.plusSeconds(60));
        return parse(output);
    }

    static Result parse(String output) {
        Matcher total = require(TOTAL, output);
        Matcher errors = SOCKET_ERRORS.matcher(output);
        long socketErrors = 0;
        if (errors.find()) {
            for (int group = 1; group <= 4; group++) {
                socketErrors += Long.parseLong(errors.group(group));
            }
        }
        Matcher bad = NON_2XX_3XX.matcher(output);
        return new Result(Double.parseDouble(require(REQUESTS_PER_SECOND, output).group(1)),
                percentileMillis(output, "50"), percentileMillis(output, "99"), Long.parseLong(total.group(1)),
                Double.parseDouble(total.group(2)) * unitBytes(total.group(3)),
                bad.find() ? Long.parseLong(bad.group(1)) : 0, socketErrors, output);
    }

    private static double percentileMillis(String output, String percent) {
        Matcher line = require(Pattern.compile("(?m)^\\s+" + percent + "(?:\\.0+)?%\\s+([\\d.]+)(us|ms|s|m|h)\\s*$"),
                output);
        double value = Double.parseDouble(line.group(1));
        return switch (line.group(2)) {
            case "us" -> value / 1_000;
            case "ms" -> value;
            case "s" -> value * 1_000;
            case "m" -> value * 60_000;
            default -> value * 3_600_000;
        };
    }

    private static double unitBytes(String unit) {
        return switch (unit) {
            case "B" -> 1;
            case "KB" -> 1024;
            case "MB" -> 1024 * 1024;
            case "GB" -> 1024.0 * 1024 * 1024;
            default -> 1024.0 * 1024 * 1024 * 1024;
        };
    }

    private static Matcher require(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("wrk output has no /" + pattern + "/:\n" + output);
        }
        return matcher;
    }
}
