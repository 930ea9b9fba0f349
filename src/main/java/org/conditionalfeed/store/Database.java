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
 * <p>For an H2 URL it makes a commit durable before it returns ({@code WRITE_DELAY=0}: H2
 * otherwise flushes committed transactions up to half a second later), lets concurrent writers
 * wait for each other ({@code LOCK_TIMEOUT}), and leaves closing the
 * database to the application rather than to H2's own shutdown hook, so in-flight requests can
 * finish on SIGTERM. Settings the operator wrote into the URL win. PostgreSQL commits durably by
 * default; the application leaves its settings alone and warns at start-up when they do not.
 * Instances that open the same database at once wait for each other's migration (Flyway's lock).
 *
 * <p>Thread-safe.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private static final String POOL_NAME = "feed-db";

    private final HikariDataSource dataSource;
    private final PoolThreads poolThreads;
    private final Jdbi jdbi;

    private final boolean exclusive;

    private Database(HikariDataSource dataSource, PoolThreads poolThreads, boolean exclusive) {
        this.dataSource = dataSource;
        this.poolThreads = poolThreads;
        this.jdbi = Jdbi.create(dataSource);
        this.exclusive = exclusive;
    }

    /**
     * Connects, migrates the schema and returns the open database.
     *
     * @throws StoreException when the database is unreachable or a migration fails
     */
    public static Database open(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(withDurableH2Defaults(url));
        driverFor(url).ifPresent(config::setDriverClassName);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName(POOL_NAME);
        PoolThreads poolThreads = new PoolThreads(POOL_NAME);
        config.setThreadFactory(poolThreads);
        config.setMaximumPoolSize(10);
        config.setConnectionTimeout(10_000);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to " + url + ": " + rootMessage(e), e);
        }
        try {
            MigrateResult result = Flyway.configure(Database.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            LOG.info("Database {} at schema version {} ({} migration(s) applied)", url,
                    result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                    result.migrationsExecuted);
        } catch (RuntimeException e) {
            dataSource.close();
            throw new StoreException("cannot migrate " + url + ": " + rootMessage(e), e);
        }
        Database database = new Database(dataSource, poolThreads, isExclusive(url));
        database.warnUnlessCommitsAreDurable();
        return database;
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

    static boolean isExclusive(String url) {
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        return upper.startsWith("JDBC:H2:") && !upper.startsWith("JDBC:H2:TCP:") && !upper.startsWith("JDBC:H2:SSL:")
                && !upper.contains(";AUTO_SERVER=TRUE");
    }

    /** Reports the pool's figures (connections in use, idle, waiting; wait times) through {@code tracker}; once. */
    public void trackPool(com.zaxxer.hikari.metrics.MetricsTrackerFactory tracker) {
        dataSource.setMetricsTrackerFactory(tracker);
    }

    /** The Jdbi handle factory for repositories. */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** Whether the database answers a trivial query within {@code timeoutSeconds}. */
    public boolean isReachable(int timeoutSeconds) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(timeoutSeconds);
        } catch (SQLException e) {
            LOG.warn("Database health check failed: {}", e.getMessage());
            return false;
        }
    }

    /** Closes the pool and waits briefly for its threads to end. */
    @Override
    public void close() {
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

    static String withDurableH2Defaults(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return url;
        }
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        StringBuilder result = new StringBuilder(url);
        if (!upper.contains(";WRITE_DELAY=")) {
            result.append(";WRITE_DELAY=0");
        }
        if (!upper.contains(";LOCK_TIMEOUT=")) {
            // A writer may hold the feed state's row lock for up to a second (see
            // FeedStateRepository); concurrent writers queue instead of failing after H2's 1 s.
            result.append(";LOCK_TIMEOUT=15000");
        }
        if (!upper.contains(";DB_CLOSE_ON_EXIT=") && !upper.startsWith("JDBC:H2:MEM:")) {
            result.append(";DB_CLOSE_ON_EXIT=FALSE");
        }
        return result.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
