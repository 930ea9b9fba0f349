package org.conditionalfeed.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child process of the benchmark (server JVM, nginx, wrk) with its standard output and error
 * in one log file. Every child is registered so that a shutdown hook kills whatever is still
 * running, also when the harness fails or is interrupted.
 *
 * <p>Thread-safe registry; each instance is used from one thread.
 */
final class ChildProcess implements AutoCloseable {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcess::killAll, "bench-kill-children"));
    }

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command}; inherited {@code FEED_*} variables are dropped, then {@code env} is added. */
    static ChildProcess start(String name, List<String> command, Map<String, String> env, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        builder.environment().keySet().removeIf(key -> key.startsWith("FEED_"));
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            LIVE.add(process);
            return new ChildProcess(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    /** Runs a command to its end within {@code timeout} and returns its combined output. */
    static String run(List<String> command, Duration timeout) throws InterruptedException {
        Path output = null;
        Process process = null;
        try {
            output = Files.createTempFile("bench-output", ".txt");
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice())).start();
            LIVE.add(process);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeout + ": " + command);
            }
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } finally {
            if (process != null) {
                LIVE.remove(process);
            }
            if (output != null) {
                output.toFile().delete();
            }
        }
    }

    long pid() {
        return process.pid();
    }

    /** The exit status once the child has exited; empty while it runs. */
    java.util.OptionalInt exitStatus() {
        return process.isAlive() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(process.exitValue());
    }

    /** Waits for a log line matching {@code pattern}; returns the match. Fails when the child exits. */
    Matcher awaitLogLine(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : logLinesFrom(0)) {
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    return matcher;
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log:\n" + tail());
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(name + " did not log /" + pattern + "/ within " + timeout + "; log:\n"
                + tail());
    }

    /** Waits until something accepts connections on 127.0.0.1:{@code port}. */
    void awaitPort(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log:\n" + tail());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException(name + " did not listen on port " + port + " within " + timeout);
    }

    long logSize() {
        try {
            return Files.size(log);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The log's lines from byte {@code offset} on. */
    List<String> logLinesFrom(long offset) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            if (offset >= length) {
                return List.of();
            }
            byte[] bytes = new byte[(int) Math.min(length - offset, 64L << 20)];
            file.seek(offset);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    String tail() {
        List<String> lines = logLinesFrom(Math.max(0, logSize() - 4_000));
        return String.join("\n", lines);
    }

    /** Stops gracefully (SIGTERM, which the app answers by draining and closing its database), then forcibly. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                System.err.println("bench: " + name + " ignored SIGTERM for 30 s; killing it");
                kill(process);
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
        }
        LIVE.remove(process);
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static void killAll() {
        LIVE.forEach(ChildProcess::kill);
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
