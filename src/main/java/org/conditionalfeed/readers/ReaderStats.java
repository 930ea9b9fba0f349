package org.conditionalfeed.readers;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reader report's bookkeeping: counts every feed request in memory ({@link ReaderCounter},
 * through the {@link ReaderCounting} filter), adds the counts to the day's rows in the database
 * every {@value #DEFAULT_FLUSH_SECONDS} seconds, when the report is read and at close
 * ({@link ReaderStatsStore}), and deletes the days that have left the window. The report reads
 * the database, so it shows every instance's counts and survives restarts.
 *
 * <p>Thread-safe; flushes are serialized.
 */
public final class ReaderStats implements AutoCloseable {

    static final int DEFAULT_FLUSH_SECONDS = 30;
    private static final Logger LOG = LoggerFactory.getLogger(ReaderStats.class);

    private final ReaderCounter counter = new ReaderCounter();
    private final ReaderStatsStore store;
    private final Clock clock;
    private final int days;
    private final Duration flushEvery;
    private final ScheduledExecutorService flusher;
    private LocalDate pruned;

    /** @param days how many days the report covers, today included */
    public ReaderStats(Jdbi jdbi, Clock clock, int days) {
        this(jdbi, clock, days, Duration.ofSeconds(DEFAULT_FLUSH_SECONDS));
    }

    ReaderStats(Jdbi jdbi, Clock clock, int days, Duration flushEvery) {
        this.store = new ReaderStatsStore(jdbi);
        this.clock = clock;
        this.days = days;
        this.flushEvery = flushEvery;
        this.flusher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "reader-stats-flush");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Reads the validators sent before, then flushes at a fixed rate. */
    public void start() {
        counter.validators().restore(store.validators());
        long millis = flushEvery.toMillis();
        flusher.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Counts the requests for {@code feedUrls} (servlet URL patterns); register it before {@link PolitePolling}. */
    public void register(ServletContext context, String... feedUrls) {
        context.addFilter("readerCounting", new ReaderCounting(counter, clock))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, feedUrls);
    }

    /** The report over the window, with this instance's latest counts in it. */
    public ReaderReport report() {
        flush();
        LocalDate from = firstDay();
        return ReaderReport.of(from, store.sums(from), store.reportedSubscribers(from), store.distinctAddresses(from));
    }

    private LocalDate firstDay() {
        return today().minusDays(days - 1L);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("Could not store the reader statistics; this interval's counts are lost: {}", e.toString());
        }
    }

    /** Adds the counts since the last flush to today's rows, and deletes days past the window once a day. */
    synchronized void flush() {
        List<ReaderDelta> deltas = counter.drain();
        List<ValidatorMemory.Sent> validators = counter.validators().unsaved();
        Instant now = clock.instant();
        store.add(today(), deltas, validators, now);
        LocalDate first = firstDay();
        if (!first.equals(pruned)) {
            store.deleteBefore(first, now.minus(Duration.ofDays(days)));
            pruned = first;
        }
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
            flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Could not store the last reader statistics: {}", e.toString());
        }
    }
}
