package org.conditionalfeed.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class StderrHandlerTest {

    private static final Formatter MESSAGE_PER_LINE = new Formatter() {
        @Override
        public String format(LogRecord record) {
            return record.getMessage() + "\n";
        }
    };

    private static String text(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void keepsInfoLinesUntilFlushedButWritesWarningsAtOnce() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StderrHandler handler = new StderrHandler(out, MESSAGE_PER_LINE);
        handler.publish(new LogRecord(Level.INFO, "GET /feed.xml 304 — ünïcode"));
        assertEquals("", text(out), "an INFO line waits in the buffer");
        handler.flush();
        assertEquals("GET /feed.xml 304 — ünïcode\n", text(out));
        handler.publish(new LogRecord(Level.WARNING, "disk almost full"));
        assertEquals("GET /feed.xml 304 — ünïcode\ndisk almost full\n", text(out), "a warning is written at once");
        handler.publish(new LogRecord(Level.INFO, "last"));
        handler.close();
        assertTrue(text(out).endsWith("disk almost full\nlast\n"), "close flushes: " + text(out));
    }

    @Test
    void linesFromManyThreadsStayWhole() throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StderrHandler handler = new StderrHandler(out, MESSAGE_PER_LINE);
        String padding = "x".repeat(300);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            Thread writer = new Thread(() -> {
                for (int i = 0; i < 2_000; i++) {
                    handler.publish(new LogRecord(Level.INFO, thread + ":" + i + ":" + padding));
                }
            });
            writer.start();
            threads.add(writer);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        handler.flush();
        String[] lines = text(out).split("\n");
        assertEquals(16_000, lines.length);
        Set<String> distinct = new HashSet<>();
        for (String line : lines) {
            assertTrue(line.matches("\\d:\\d+:x{300}"), "a torn line: " + line);
            distinct.add(line);
        }
        assertEquals(16_000, distinct.size());
    }
}
