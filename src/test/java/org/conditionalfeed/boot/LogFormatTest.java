package org.conditionalfeed.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogFormatTest {

    private static String format(LogFormat format, String instant, String message) {
        LogRecord record = new LogRecord(Level.INFO, message);
        record.setLoggerName("org.conditionalfeed.access");
        record.setInstant(Instant.parse(instant));
        return format.format(record);
    }

    @Test
    void writesTheTimeInUtcWithMillisecondsAndOneLinePerRecord() {
        LogFormat format = new LogFormat();
        assertEquals("2026-11-22T05:01:02.345Z INFO org.conditionalfeed.access - GET /feed.xml 304"
                + System.lineSeparator(), format(format, "2026-11-22T05:01:02.345678Z", "GET /feed.xml 304"));
        assertEquals("2026-11-22T05:01:02.007Z INFO org.conditionalfeed.access - again" + System.lineSeparator(),
                format(format, "2026-11-22T05:01:02.007Z", "again"));
        assertEquals("2026-11-22T05:01:03.000Z INFO org.conditionalfeed.access - next second" + System.lineSeparator(),
                format(format, "2026-11-22T05:01:03Z", "next second"));
        assertEquals("2026-12-31T23:59:59.999Z INFO org.conditionalfeed.access - last" + System.lineSeparator(),
                format(format, "2026-12-31T23:59:59.999Z", "last"));
    }

    @Test
    void appendsTheStackTraceOfAThrownException() {
        LogRecord record = new LogRecord(Level.SEVERE, "failed");
        record.setLoggerName("x");
        record.setInstant(Instant.parse("2026-11-22T05:01:02Z"));
        record.setThrown(new IllegalStateException("boom"));
        String text = new LogFormat().format(record);
        assertTrue(text.startsWith("2026-11-22T05:01:02.000Z SEVERE x - failed" + System.lineSeparator()
                + "java.lang.IllegalStateException: boom"), text);
    }
}
