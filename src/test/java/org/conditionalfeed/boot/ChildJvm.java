package org.conditionalfeed.boot;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real launcher, {@link Main}, in a child JVM: started with {@code java -cp <this test's
 * class path> org.conditionalfeed.boot.Main} and an environment of {@code FEED_*} settings, so a
 * test can kill it (SIGKILL, SIGTERM) the way an operator or the OS would.
 *
 * <p>Standard output and standard error go to files in the given directory (the launcher logs to
 * standard error). The child inherits no {@code FEED_*} variable from this JVM, runs with
 * {@code -Xmx256m} unless told otherwise, in a zone that is not UTC, and gets the same {@code --add-opens} as the
 * runnable jar's manifest. {@link #close()} kills it if it still runs; call it from teardown.
 *
 * <p>Not thread-safe.
 */
final class ChildJvm implements AutoCloseable {

    static final String ADMIN_USER = "admin";
    static final String ADMIN_PASSWORD = "child-jvm-secret";
    /** Ahead of UTC by a fraction of an hour, so a time zone mistake cannot hide behind whole hours. */
    static final String TIME_ZONE = "Pacific/Chatham";
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private static final Pattern LISTENING = Pattern.compile("Listening on http://0\\.0\\.0\\.0:(\\d+)/");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private int port = -1;

    private ChildJvm(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts {@link Main} in a new JVM whose working and temporary directory is in {@code directory}.
     *
     * @param name distinguishes the output files of several children in one directory
     * @param settings the {@code FEED_*} environment; nothing else of that name is inherited
     */
    static ChildJvm launch(Path directory, String name, Map<String, String> settings) throws IOException {
        return launch(directory, name, settings, List.of(), Main.class.getName());
    }

    /** As {@link #launch(Path, String, Map)}, with the given maximum heap ({@code -Xmx}), e.g. {@code 128m}. */
    static ChildJvm launch(Path directory, String name, Map<String, String> settings, String maxHeap)
            throws IOException {
        return launch(directory, name, settings, List.of("-Xmx" + maxHeap), Main.class.getName());
    }

    /** As {@link #launch(Path, String, Map)}, with more JVM options (placed after the defaults, so e.g. {@code -Xmx128m} wins). */
    static ChildJvm launch(Path directory, String name, Map<String, String> settings, List<String> jvmOptions)
            throws IOException {
        return launch(directory, name, settings, jvmOptions, Main.class.getName());
    }

    /**
     * Like {@link #launch(Path, String, Map)}, with more JVM options (placed after the defaults, so
     * e.g. {@code -Xmx128m} wins) and another main class from this class path.
     */
    static ChildJvm launch(Path directory, String name, Map<String, String> settings, List<String> jvmOptions,
            String mainClass) throws IOException {
        // Tomcat's base directory goes to java.io.tmpdir; keep it inside the test's directory.
        Path tmp = Files.createDirectories(directory.resolve(name + "-tmp"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Duser.timezone=" + TIME_ZONE,
                "-Djava.io.tmpdir=" + tmp,
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "--add-opens=java.rmi/sun.rmi.transport=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath(), mainClass));
        Path out = directory.resolve(name + ".stdout.log");
        Path err = directory.resolve(name + ".stderr.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("FEED_"));
        builder.environment().putAll(settings);
        return new ChildJvm(builder.start(), out, err);
    }

    /**
     * The class path of this test JVM: surefire sets {@code java.class.path} to the test classes,
     * the main classes and every dependency jar even though it boots from a manifest-only jar.
     */
    private static String classPath() {
        String classPath = System.getProperty("java.class.path");
        String mainClass = Main.class.getName().replace('.', '/') + ".class";
        boolean hasMain = false;
        for (String element : classPath.split(File.pathSeparator)) {
            hasMain |= Files.isRegularFile(Path.of(element, mainClass));
        }
        if (!hasMain) {
            fail("java.class.path does not hold the launcher's classes; it is: " + classPath);
        }
        return classPath;
    }

    /** Waits for the "Listening on" log line and returns the port it names. */
    int awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = LISTENING.matcher(log());
            if (matcher.find()) {
                port = Integer.parseInt(matcher.group(1));
                return port;
            }
            if (!process.isAlive()) {
                fail("the launcher exited with " + process.exitValue() + " before listening; its output:\n" + output());
            }
            Thread.sleep(50);
        }
        return fail("the launcher did not log 'Listening on' within " + START_TIMEOUT + "; its output:\n" + output());
    }

    /** Waits for the child to exit and returns its exit code; fails the test if it is still running. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("the launcher still runs after " + timeout + "; its output:\n" + output());
        }
        return process.exitValue();
    }

    Process process() {
        return process;
    }

    /** Everything the child wrote to standard error so far: its log. */
    String log() {
        return read(stderr);
    }

    /** The lines of standard error so far. */
    List<String> stderrLines() {
        return log().lines().toList();
    }

    /** Both streams, for failure messages. */
    String output() {
        return "--- stderr ---\n" + log() + "--- stdout ---\n" + read(stdout);
    }

    /** The port the child listens on; after {@code awaitListening()}. */
    int port() {
        if (port < 0) {
            throw new IllegalStateException("call awaitListening() first");
        }
        return port;
    }

    /** The {@code Authorization} header value of the administrator's credentials. */
    static String authorization() {
        String credentials = ADMIN_USER + ":" + ADMIN_PASSWORD;
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    /** A request to {@code path} on the child, with the administrator's credentials. */
    HttpRequest.Builder request(String path) {
        if (port < 0) {
            throw new IllegalStateException("call awaitListening() first");
        }
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization());
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Kills the child (SIGKILL) if it still runs and waits for it to be gone. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("child JVM " + process.pid() + " survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for child JVM " + process.pid() + " to die", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
