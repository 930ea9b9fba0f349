package org.conditionalfeed.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Many clients downloading one file at the same instant, each on its own connection and thread,
 * reading the body into a small buffer and throwing it away: what the server holds per download
 * shows in its resident memory, not the client's.
 */
final class Downloads {

    /** How many downloads got a {@code 200} with every byte, in how long, and the first failure. */
    record Outcome(int complete, double seconds, Optional<String> firstFailure) {
    }

    private Downloads() {
    }

    static Outcome run(URI uri, long length, int clients, Duration timeout) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> downloads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            downloads.add(pool.submit(() -> {
                start.await();
                return download(uri, length, timeout);
            }));
        }
        long started = System.nanoTime();
        start.countDown();
        int complete = 0;
        Optional<String> failure = Optional.empty();
        for (Future<String> download : downloads) {
            String outcome;
            try {
                outcome = download.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                outcome = e.toString();
            }
            if (outcome.isEmpty()) {
                complete++;
            } else if (failure.isEmpty()) {
                failure = Optional.of(outcome);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdownNow();
        return new Outcome(complete, seconds, failure);
    }

    /** Empty when the whole body came with a 200, else what went wrong. */
    private static String download(URI uri, long length, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
            socket.setSoTimeout((int) timeout.toMillis());
            socket.getOutputStream().write(("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return "connection closed in the header: " + head;
                }
                head.append((char) b);
            }
            if (!head.toString().startsWith("HTTP/1.1 200")) {
                return head.toString().lines().findFirst().orElse("?");
            }
            byte[] buffer = new byte[64 * 1024];
            long body = 0;
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                body += read;
            }
            return body == length ? "" : "body of " + body + " bytes, not " + length;
        } catch (IOException e) {
            return e.toString();
        }
    }
}
