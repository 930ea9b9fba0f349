package org.conditionalfeed.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The W3C Feed Validation Service's own code, run offline by the project's
 * {@code shared/tools/validate-feed} script (found in the project's directory or above it, or at
 * the path in the system property {@code validate.feed}). It needs Python 3; its first use makes
 * a Python environment with lxml, html5lib and rdflib under {@code ~/.cache} (Debian's
 * {@code python3-venv}, and network access to PyPI once). Where either is missing, the calling
 * test is skipped with a message saying so.
 */
public final class W3cFeedValidator {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private final Path script;

    private W3cFeedValidator(Path script) {
        this.script = script;
    }

    /** The validator, or a skipped test when it cannot run here. */
    public static W3cFeedValidator require() {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON),
                "/usr/bin/python3 is absent, so the W3C feed validator cannot run: apt-get install python3 python3-venv");
        Optional<Path> script = locate();
        Assumptions.assumeTrue(script.isPresent(),
                "shared/tools/validate-feed was not found in or above " + Path.of("").toAbsolutePath()
                        + "; set -Dvalidate.feed=/path/to/validate-feed");
        return new W3cFeedValidator(script.get());
    }

    private static Optional<Path> locate() {
        String configured = System.getProperty("validate.feed");
        if (configured != null) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve("shared/tools/validate-feed");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Validates the feed at {@code url} (or in a file), as the online service would.
     *
     * @return what the validator printed; empty when it found no error and no warning
     */
    public Optional<String> problems(String url) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(script.toString(), url).redirectErrorStream(true);
        builder.environment().put("FEEDVALIDATOR_VENV",
                Path.of(System.getProperty("user.home"), ".cache", "feedvalidator-venv").toString());
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the feed validator took longer than five minutes");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        Assumptions.assumeTrue(process.exitValue() != 2,
                "the W3C feed validator could not set up its Python environment (python3-venv, network to PyPI): "
                        + text.strip());
        return process.exitValue() == 0 ? Optional.empty() : Optional.of(text.strip());
    }
}
