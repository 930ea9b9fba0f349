package org.conditionalfeed.boot;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One line per log record, time in UTC: {@code 2026-11-22T05:01:02.345Z INFO logger - message}.
 * Used by the embedded launcher; a deployed WAR logs through the container's configuration.
 */
final class LogFormat extends Formatter {

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(160)
                .append(record.getInstant()).append(' ')
                .append(record.getLevel().getName()).append(' ')
                .append(record.getLoggerName()).append(" - ")
                .append(formatMessage(record)).append(System.lineSeparator());
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        return line.toString();
    }
}
