package org.conditionalfeed.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.argument.Argument;

/**
 * Moves instants in and out of {@code TIMESTAMP WITH TIME ZONE} columns as UTC
 * {@link OffsetDateTime}s, so neither the driver nor the JVM's default time zone takes part. Used
 * by every repository, the media store too.
 */
public final class Timestamps {

    private Timestamps() {
    }

    public static Argument argument(Instant instant) {
        OffsetDateTime utc = instant.atOffset(ZoneOffset.UTC);
        return (position, statement, context) -> statement.setObject(position, utc);
    }

    public static Instant read(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
