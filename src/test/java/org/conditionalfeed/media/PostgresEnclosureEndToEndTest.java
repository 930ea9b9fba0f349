package org.conditionalfeed.media;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.conditionalfeed.testing.PostgresServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every enclosure test of {@link EnclosureEndToEndTest} on PostgreSQL, migrated from the same
 * {@code db/}: the foreign key, the row lock that a write takes on the medium it names, and the
 * refusals map the same way there.
 */
class PostgresEnclosureEndToEndTest extends EnclosureEndToEndTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private Map<String, String> database;

    @Override
    Map<String, String> databaseSettings() {
        database = POSTGRES.newDatabase();
        return database;
    }

    @Override
    Connection connectToDatabase() throws SQLException {
        return PostgresServer.connect(database);
    }
}
