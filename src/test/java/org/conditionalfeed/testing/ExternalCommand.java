package org.conditionalfeed.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real client program (curl, ffprobe, newsboat, …) to its end, with {@code HOME} in the
 * test's directory; a program that is not installed exits 127, so tests can skip on it.
 *
 * @param exit the exit code
 * @param output standard output and standard error, interleaved
 */
public record ExternalCommand(int exit, String output) {

    /** Runs {@code command}, failing the test when it takes longer than a minute. */
    public static ExternalCommand run(Path home, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        Process process;
        try {
            process = builder.start();
        } catch (IOException notInstalled) {
            return new ExternalCommand(127, notInstalled.getMessage());
        }
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new ExternalCommand(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** The output's lines that are not blank. */
    public List<String> lines() {
        return output.lines().filter(line -> !line.isBlank()).toList();
    }
}
