package org.conditionalfeed.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.conditionalfeed.config.Redacted;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database: a HikariCP pool, the Flyway migrations from {@code db/}, and a {@link Jdbi} on
 * top. Opening it migrates the schema explicitly; closing it closes the pool and waits for the
 * pool's threads to end.
 *
 * <p>For an H2 URL it makes a commit durable before it returns: H2 writes each commit to its file
 * at once ({@code WRITE_DELAY=0}; by default up to half a second later), and every transaction's
 * commit is then forced to stable storage with {@code CHECKPOINT SYNC}, an {@code fsync} shared by
 * the commits that end meanwhile ({@link GroupCommit}). It also lets concurrent writers wait for
 * each other ({@code LOCK_TIMEOUT}), keeps H2 from writing a trace file of its own (the
 * application logs database failures itself; an unwritable trace file would print stack traces),
 * and leaves closing the database to the application rather than to H2's own shutdown hook, so
 * in-flight requests can finish on SIGTERM. Settings the operator wrote into the URL win. When H2
 * closes itself after an I/O error, the pool replaces its connections and the next one opens the
 * file again ({@link ClosedDatabaseDetector}). PostgreSQL commits durably by default; the
 * application leaves its settings alone and warns at start-up when they do not. Instances that
 * open the same database at once wait for each other's migration (Flyway's lock).
 *
 * <p>Nothing it logs or throws carries a password written into the URL ({@link Redacted}).
 *
 * <p>Thread-safe.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private static final String POOL_NAME = "feed-db";
    /** H2's error code for a statement that needs administrator rights. */
    private static final int H2_ADMIN_RIGHTS_REQUIRED = 90040;

    /** The outcome of a health check ({@link #health()}). */
    public enum Health {
        /** The database answered. */
        UP,
        /** Every connection is in use; the database answered the previous check and has not failed since. */
        BUSY,
        /** The database does not answer, or fails. */
        DOWN
    }

    private final HikariDataSource dataSource;
    private final PoolThreads poolThreads;
    private final ExecutorService healthProbes;
    private final DatabaseHealth health;
    private final Jdbi jdbi;
    private final Jdbi derivedJdbi;
    /** Forces commits to disk on H2; {@code null} where commits are durable by themselves. */
    private final GroupCommit groupCommit;

    private final boolean exclusive;
    private final List<Runnable> commitsInDoubt = new CopyOnWriteArrayList<>();

    private Database(HikariDataSource dataSource, PoolThreads poolThreads, DatabaseHealth health,
            ExecutorService healthProbes, boolean exclusive, boolean forceCommits) {
        this.dataSource = dataSource;
        this.poolThreads = poolThreads;
        this.health = health;
        this.healthProbes = healthProbes;
        this.jdbi = Jdbi.create(dataSource);
        this.derivedJdbi = Jdbi.create(dataSource);
        this.groupCommit = forceCommits ? new GroupCommit(H2::force) : null;
        if (forceCommits) {
            jdbi.setTransactionHandler(new DurableTransactions(jdbi.getTransactionHandler(), groupCommit,
                    () -> commitsInDoubt.forEach(Runnable::run)));
        }
        this.exclusive = exclusive;
    }

    /**
     * Connects, migrates the schema and returns the open database.
     *
     * @throws StoreException when the database is unreachable or a migration fails
     */
    public static Database open(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(H2.withDurableDefaults(url));
        driverFor(url).ifPresent(config::setDriverClassName);
        config.setUsername(user);
        if (!(password.isEmpty() && H2.namesPassword(url))) {
            // H2 refuses a password given both in the URL and as a property, even an empty one.
            config.setPassword(password);
        }
        config.setPoolName(POOL_NAME);
        PoolThreads poolThreads = new PoolThreads(POOL_NAME);
        config.setThreadFactory(poolThreads);
        config.setMaximumPoolSize(10);
        config.setConnectionTimeout(10_000);
        DatabaseHealth[] health = new DatabaseHealth[1];
        if (H2.isH2(url)) {
            config.setExceptionOverride(new ClosedDatabaseDetector(() -> health[0].closed()));
        }
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw openingFailed("cannot connect to", url, e);
        }
        ExecutorService healthProbes = Executors.newSingleThreadExecutor(poolThreads);
        health[0] = new DatabaseHealth(dataSource, healthProbes);
        try {
            MigrateResult result = Flyway.configure(Database.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            LOG.info("Database {} at schema version {} ({} migration(s) applied)", Redacted.jdbcUrl(url),
                    result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                    result.migrationsExecuted);
        } catch (RuntimeException e) {
            healthProbes.shutdownNow();
            dataSource.close();
            throw openingFailed("cannot migrate", url, e);
        }
        boolean forceCommits = H2.isH2(url) && !H2.isInMemory(url);
        Database database = new Database(dataSource, poolThreads, health[0], healthProbes, H2.isExclusive(url),
                forceCommits);
        try {
            if (forceCommits) {
                database.checkCommitsCanBeForced(user);
            }
        } catch (StoreException e) {
            database.close();
            throw e;
        }
        database.warnUnlessCommitsAreDurable();
        return database;
    }

    /** Forces once at start-up, so that a user who may not do so stops start-up rather than every write. */
    private void checkCommitsCanBeForced(String user) {
        try (Connection connection = dataSource.getConnection()) {
            H2.force(connection);
        } catch (SQLException e) {
            if (e.getErrorCode() == H2_ADMIN_RIGHTS_REQUIRED) {
                throw new StoreException("FEED_DB_USER '" + user + "' is not an administrator of the H2 database, "
                        + "so commits cannot be forced to disk", e);
            }
            throw new StoreException("cannot force the database to disk: " + e.getMessage().lines().findFirst()
                    .orElse(""), e);
        }
    }

    /**
     * A PostgreSQL server can be set to acknowledge a commit before it is on disk; then a write
     * answered {@code 201}, {@code 200} or {@code 204} may be lost in a crash. Its default is
     * durable, and the application leaves the server's choice alone, but says so.
     */
    private void warnUnlessCommitsAreDurable() {
        try (Connection connection = dataSource.getConnection()) {
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                return;
            }
            for (String setting : List.of("fsync", "synchronous_commit")) {
                try (Statement statement = connection.createStatement();
                        ResultSet result = statement.executeQuery("SHOW " + setting)) {
                    if (result.next() && "off".equals(result.getString(1))) {
                        LOG.warn("PostgreSQL has {} = off: an acknowledged write may be lost if the database "
                                + "server crashes; turn it on for the durability the feed promises", setting);
                    }
                }
            }
        } catch (SQLException e) {
            LOG.warn("Cannot tell whether the database makes commits durable: {}", e.getMessage());
        }
    }

    /**
     * Whether this process is the database's only user: an embedded H2 database locks its file,
     * so no other process can write to it. PostgreSQL and H2 in server or auto-server mode may be
     * shared.
     */
    public boolean isExclusive() {
        return exclusive;
    }

    /** Reports the pool's figures (connections in use, idle, waiting; wait times) through {@code tracker}; once. */
    public void trackPool(com.zaxxer.hikari.metrics.MetricsTrackerFactory tracker) {
        dataSource.setMetricsTrackerFactory(tracker);
    }

    /**
     * Calls {@code listener} whenever a commit fails or cannot be forced to disk: that
     * transaction may have reached the database or not, so what is kept in memory about the
     * database's content must be read from it again.
     */
    public void onCommitInDoubt(Runnable listener) {
        commitsInDoubt.add(listener);
    }

    /** The Jdbi handle factory for repositories. */
    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * A Jdbi for rows derived from others, which the application makes again when they are lost
     * (the {@code feed_version} rows): same pool, but on H2 a commit is not forced to disk before
     * it returns. It still reaches H2's file at once, so it survives the process being killed; a
     * power cut may take back the last ones, unless {@link #forceToDisk()} or any other write's
     * force came after them. On PostgreSQL it is the same as {@link #jdbi()}: every commit is
     * durable there.
     */
    public Jdbi derivedJdbi() {
        return derivedJdbi;
    }

    /**
     * Returns once every commit made so far, {@link #derivedJdbi()}'s included, is on stable
     * storage: one {@code fsync}, shared with the forces of concurrent commits. Nothing to do where
     * commits are durable by themselves.
     *
     * @throws StoreException when the force fails
     */
    public void forceToDisk() {
        if (groupCommit == null) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            groupCommit.awaitForced(connection);
        } catch (SQLException e) {
            commitsInDoubt.forEach(Runnable::run);
            throw new StoreException("could not force the database to disk: " + e.getMessage(), e);
        }
    }

    /**
     * Whether the database serves requests now, through the same pool as they: {@link Health#UP}
     * when it answered, {@link Health#BUSY} when every connection is in use but it answered the
     * previous check, {@link Health#DOWN} otherwise. Waits at most a few seconds.
     */
    public Health health() {
        return health.check();
    }

    /** Closes the pool and waits briefly for its threads to end. */
    @Override
    public void close() {
        healthProbes.shutdownNow();
        dataSource.close();
        try {
            if (!poolThreads.awaitEnd(Duration.ofSeconds(5))) {
                LOG.warn("Database closed; some connection pool threads are still ending");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Database closed");
    }

    /**
     * The application's own JDBC driver for the URL. Inside a standalone Tomcat,
     * {@link java.sql.DriverManager} only sees drivers of the container's class loader, not those
     * in {@code WEB-INF/lib}, so the driver class is named explicitly.
     */
    private static Optional<String> driverFor(String url) {
        for (Driver driver : ServiceLoader.load(Driver.class, Database.class.getClassLoader())) {
            try {
                if (driver.acceptsURL(url)) {
                    return Optional.of(driver.getClass().getName());
                }
            } catch (SQLException e) {
                LOG.debug("Driver {} cannot tell whether it accepts the URL", driver.getClass().getName(), e);
            }
        }
        return Optional.empty();
    }

    /**
     * Why opening failed, in one line and without secrets. The driver's own exceptions are left
     * out: their messages and stack traces may quote the URL, and the line says what matters.
     */
    private static StoreException openingFailed(String what, String url, RuntimeException e) {
        return new StoreException(what + " " + Redacted.jdbcUrl(url) + ": " + Redacted.text(reason(e), url), null);
    }

    /** The message of the innermost {@link SQLException} (the driver's words), else of the innermost cause. */
    private static String reason(Throwable e) {
        Throwable root = e;
        String sql = null;
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            root = cause;
            if (cause instanceof SQLException && cause.getMessage() != null) {
                sql = cause.getMessage();
            }
        }
        String message = sql != null ? sql : root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
