package org.conditionalfeed.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.conditionalfeed.testing.FeedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers that take a few bytes of a large response and hang up: the server goes on serving, and
 * each abort costs at most one debug line, never a SEVERE record or a stack trace.
 */
class AbortedDownloadEndToEndTest {

    /** Held strongly so the levels set here stay set. */
    private static final Logger ROOT = Logger.getLogger("");
    private static final Logger APPLICATION = Logger.getLogger("org.conditionalfeed");

    @TempDir
    Path directory;
    private FeedServer server;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level applicationLevel;

    @BeforeEach
    void start() {
        server = FeedServer.start(directory);
        applicationLevel = APPLICATION.getLevel();
        APPLICATION.setLevel(Level.FINE);
        capture.setLevel(Level.ALL);
        ROOT.addHandler(capture);
    }

    @AfterEach
    void stop() {
        ROOT.removeHandler(capture);
        APPLICATION.setLevel(applicationLevel);
        server.close();
    }

    @Test
    void abortedDownloadsAreOneQuietLineEach() throws Exception {
        // The largest content the API takes: a megabyte on the entry page, in the feed and from the API.
        long id = server.createEntry("{\"title\":\"Long read\",\"content\":\"" + "x".repeat(1_000_000) + "\"}");
        String authorization = FeedServer.basic("admin", FeedServer.ADMIN_PASSWORD);
        List<String> requests = List.of(
                "GET /entries/" + id + " HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /feed.xml HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /api/entries/" + id + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + authorization + "\r\n\r\n");
        for (int round = 0; round < 3; round++) {
            for (String request : requests) {
                readAFewBytesAndHangUp(request);
            }
        }
        awaitAccessLogLines(requests.size() * 3);

        for (LogRecord record : records) {
            String line = record.getLoggerName() + " " + record.getLevel() + " " + record.getMessage();
            assertTrue(record.getLevel().intValue() < Level.WARNING.intValue(), line);
            assertEquals(null, record.getThrown(), "no stack trace: " + line);
            assertFalse(record.getMessage() != null && record.getMessage().contains("\n"), "one line: " + line);
        }
        assertTrue(records.stream().anyMatch(record -> record.getLevel() == Level.FINE
                && (record.getMessage().startsWith("Client closed the connection")
                        || record.getMessage().startsWith("Connection to the client lost"))),
                "the server noticed the aborts: " + messages());
        assertEquals(200, server.get("/feed.xml").statusCode(), "still serving");
    }

    /** Sends the request, reads the status line's first bytes, then closes with a reset. */
    private void readAFewBytesAndHangUp(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", server.uri("/").getPort()), 10_000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            byte[] start = in.readNBytes(12);
            assertEquals("HTTP/1.1 200", new String(start, StandardCharsets.ISO_8859_1), request);
            socket.setSoLinger(true, 0);
        }
    }

    private void awaitAccessLogLines(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (accessLogLines() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(count, accessLogLines(), messages().toString());
    }

    private long accessLogLines() {
        return records.stream().filter(record -> record.getLoggerName().equals("org.conditionalfeed.access")
                && record.getMessage().matches("\\S+ GET .*")).count();
    }

    private List<String> messages() {
        return records.stream().map(record -> record.getLevel() + " " + record.getLoggerName() + " "
                + record.getMessage()).toList();
    }
}
