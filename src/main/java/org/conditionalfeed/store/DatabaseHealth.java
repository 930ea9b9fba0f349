package org.conditionalfeed.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database serves requests now, asked through the same connection pool that the
 * requests use, so the answer is theirs.
 *
 * <p>A probe borrows a connection and runs {@code SELECT 1}. After the database has closed itself
 * (see {@link ClosedDatabaseDetector}) reads may work again before writes do, so until a probe has
 * written successfully each probe writes: it rewrites the feed state's row with its own values.
 * The probe runs on its own thread and is awaited for {@link #PATIENCE}: when every connection is
 * busy it may wait longer for one, and then the database counts as busy, not down, as long as
 * the previous probe succeeded and nothing has broken since. A probe that gets no connection
 * within the pool's timeout fails, just as a request would.
 *
 * <p>Thread-safe.
 */
final class DatabaseHealth {

    static final Duration PATIENCE = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseHealth.class);

    private final HikariDataSource dataSource;
    private final ExecutorService executor;
    private final AtomicBoolean broken = new AtomicBoolean();
    private volatile boolean lastProbeSucceeded = true;
    private Future<Boolean> probe;

    DatabaseHealth(HikariDataSource dataSource, ExecutorService executor) {
        this.dataSource = dataSource;
        this.executor = executor;
    }

    /** Called when a failure shows the database has closed itself: renews every pooled connection. */
    void closed() {
        lastProbeSucceeded = false;
        if (broken.compareAndSet(false, true)) {
            LOG.error("The database has closed itself after an error (e.g. a full disk); its connections are "
                    + "replaced, and it is opened again once it can be written to");
        }
        if (dataSource.getHikariPoolMXBean() != null) {
            dataSource.getHikariPoolMXBean().softEvictConnections();
        }
    }

    Database.Health check() {
        Future<Boolean> running;
        synchronized (this) {
            if (probe == null || probe.isDone()) {
                probe = executor.submit(this::probe);
            }
            running = probe;
        }
        try {
            return running.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS) ? Database.Health.UP : Database.Health.DOWN;
        } catch (TimeoutException e) {
            return lastProbeSucceeded && !broken.get() ? Database.Health.BUSY : Database.Health.DOWN;
        } catch (ExecutionException e) {
            return Database.Health.DOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Database.Health.DOWN;
        }
    }

    private boolean probe() {
        boolean writing = broken.get();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            if (writing) {
                statement.executeUpdate("UPDATE feed_state SET revision = revision WHERE id = 1");
                if (broken.compareAndSet(true, false)) {
                    LOG.info("The database is open and writable again");
                }
            } else {
                statement.execute("SELECT 1");
            }
            lastProbeSucceeded = true;
            return true;
        } catch (SQLException e) {
            lastProbeSucceeded = false;
            LOG.warn("Database health check failed: {}", firstLine(e.getMessage()));
            return false;
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse(message);
    }
}
