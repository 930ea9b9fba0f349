package org.conditionalfeed.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Resident memory of a process from {@code /proc/<pid>/status}: {@code VmRSS} sampled every
 * 200 ms while it is under load, and {@code VmHWM}, the kernel's own peak. Linux only; elsewhere
 * every figure is {@code -1}.
 *
 * <p>Thread-safe.
 */
final class ResidentMemory implements AutoCloseable {

    private final long pid;
    private final AtomicLong maxRssKb = new AtomicLong(-1);
    private final ScheduledExecutorService sampler;

    /** Starts sampling {@code VmRSS} of {@code pid}. */
    ResidentMemory(long pid) {
        this.pid = pid;
        this.sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-rss-" + pid);
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleAtFixedRate(() -> maxRssKb.accumulateAndGet(kilobytes(pid, "VmRSS"), Math::max),
                0, 200, TimeUnit.MILLISECONDS);
    }

    /** The largest {@code VmRSS} sampled so far, in KiB. */
    long maxRssKb() {
        return maxRssKb.get();
    }

    /** The kernel's peak resident size of the process so far, in KiB. */
    long peakKb() {
        return kilobytes(pid, "VmHWM");
    }

    /** Stops sampling, after one last sample. */
    void stop() {
        if (!sampler.isShutdown()) {
            sampler.shutdownNow();
            maxRssKb.accumulateAndGet(kilobytes(pid, "VmRSS"), Math::max);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** A {@code kB} field of {@code /proc/<pid>/status}, or -1. */
    static long kilobytes(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
