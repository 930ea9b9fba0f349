package org.conditionalfeed.websub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSub subscriber's callback on 127.0.0.1, for tests: it confirms a subscription by echoing
 * {@code hub.challenge} (WebSub section 5.3) and keeps every content delivery it receives.
 */
final class TestSubscriber implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final BlockingQueue<String> deliveries = new LinkedBlockingQueue<>();

    TestSubscriber() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/callback", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String callback() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/callback";
    }

    /** The next delivered content, or {@code null} when none arrives within {@code timeout}. */
    String nextDelivery(Duration timeout) throws InterruptedException {
        return deliveries.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestMethod().equals("GET")) {
                Map<String, String> query = TestHub.query(exchange.getRequestURI().getRawQuery());
                byte[] challenge = query.getOrDefault("hub.challenge", "").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, challenge.length);
                exchange.getResponseBody().write(challenge);
            } else {
                deliveries.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
