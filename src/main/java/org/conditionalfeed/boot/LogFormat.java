package org.conditionalfeed.boot;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One line per log record, time in UTC: {@code 2026-11-22T05:01:02.345Z INFO logger - message}.
 * Used by the embedded launcher; a deployed WAR logs through the container's configuration.
 *
 * <p>The date and time of the current second are formatted once and reused, since one line per
 * request is written many times a second. Thread-safe.
 */
final class LogFormat extends Formatter {

    private static final DateTimeFormatter SECOND =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.").withZone(ZoneOffset.UTC);

    /** The formatted prefix of one second; immutable, so it is safely shared through a volatile field. */
    private record Second(long epochSecond, String prefix) {
    }

    private volatile Second recent = new Second(Long.MIN_VALUE, "");

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(160);
        appendTime(line, record.getInstant());
        line.append(' ').append(record.getLevel().getName()).append(' ')
                .append(record.getLoggerName()).append(" - ")
                .append(formatMessage(record)).append(System.lineSeparator());
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        return line.toString();
    }

    /** Appends {@code 2026-11-22T05:01:02.345Z}, always with milliseconds. */
    private void appendTime(StringBuilder line, Instant instant) {
        long epochSecond = instant.getEpochSecond();
        Second second = recent;
        if (second.epochSecond() != epochSecond) {
            second = new Second(epochSecond, SECOND.format(Instant.ofEpochSecond(epochSecond)));
            recent = second;
        }
        int millis = instant.getNano() / 1_000_000;
        line.append(second.prefix()).append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                .append((char) ('0' + millis % 10)).append('Z');
    }
}
