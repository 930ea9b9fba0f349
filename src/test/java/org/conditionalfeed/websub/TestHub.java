package org.conditionalfeed.websub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A small WebSub hub on 127.0.0.1, for tests: it takes subscriptions ({@code hub.mode=subscribe})
 * and verifies each by sending {@code hub.challenge} to the subscriber's callback, expecting it
 * back; on each publish ping ({@code hub.mode=publish&hub.url=…}) it records the ping, fetches
 * the feed from the application and delivers its bytes to every verified subscriber of that
 * topic. It can be told to fail the next pings ({@code 503}) to exercise a publisher's retries.
 *
 * <p>Topics are the feed URLs the application writes (its public base URL); {@code fetchUrl}
 * maps one to the address the application really listens on, as DNS would.
 */
final class TestHub implements AutoCloseable {

    /** A ping as received. */
    record Received(String topic, long atNanos, int status) {
    }

    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final UnaryOperator<String> fetchUrl;
    private final Map<String, Set<String>> subscribers = new ConcurrentHashMap<>();
    private final List<Received> pings = new CopyOnWriteArrayList<>();
    private final AtomicInteger failNext = new AtomicInteger();
    private volatile boolean failAll;

    TestHub(UnaryOperator<String> fetchUrl) throws IOException {
        this.fetchUrl = fetchUrl;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hub", this::handle);
        server.setExecutor(workers);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hub";
    }

    /** Answers the next {@code count} pings {@code 503}. */
    void failNext(int count) {
        failNext.set(count);
    }

    /** Answers every ping {@code 503} while {@code fail}. */
    void failAll(boolean fail) {
        failAll = fail;
    }

    /** Every publish ping received, failed ones too, in order. */
    List<Received> pings() {
        return List.copyOf(pings);
    }

    /** The pings answered with success. */
    List<Received> acceptedPings() {
        return pings.stream().filter(ping -> ping.status() == 204).toList();
    }

    /** Asks the hub to subscribe {@code callback} to {@code topic}; true once the hub verified it. */
    boolean subscribe(String topic, String callback) throws IOException, InterruptedException {
        String form = "hub.mode=subscribe&hub.topic=" + encode(topic) + "&hub.callback=" + encode(callback);
        HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(URI.create(url()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        return answer.statusCode() == 202 && subscribers.getOrDefault(topic, Set.of()).contains(callback);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = form(exchange.getRequestBody());
            String mode = form.getOrDefault("hub.mode", "");
            if (!exchange.getRequestMethod().equals("POST")
                    || !"application/x-www-form-urlencoded".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                exchange.sendResponseHeaders(400, -1);
            } else if (mode.equals("publish")) {
                publish(exchange, form.get("hub.url"));
            } else if (mode.equals("subscribe")) {
                // Verified before the answer here, so a test knows the subscription stands once it returns.
                boolean verified = verify(form.get("hub.topic"), form.get("hub.callback"));
                exchange.sendResponseHeaders(verified ? 202 : 400, -1);
            } else {
                exchange.sendResponseHeaders(400, -1);
            }
        }
    }

    private void publish(HttpExchange exchange, String topic) throws IOException {
        boolean fail = failAll || failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        int status = topic == null ? 400 : fail ? 503 : 204;
        pings.add(new Received(topic, System.nanoTime(), status));
        exchange.sendResponseHeaders(status, -1);
        if (status == 204) {
            workers.execute(() -> deliver(topic));
        }
    }

    private boolean verify(String topic, String callback) {
        String challenge = UUID.randomUUID().toString();
        String url = callback + (callback.contains("?") ? "&" : "?") + "hub.mode=subscribe&hub.topic=" + encode(topic)
                + "&hub.challenge=" + challenge + "&hub.lease_seconds=3600";
        try {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 == 2 && answer.body().equals(challenge)) {
                subscribers.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet()).add(callback);
                return true;
            }
        } catch (IOException | InterruptedException e) {
            return false;
        }
        return false;
    }

    /** Fetches the topic from the application and sends its bytes to every subscriber (WebSub section 7). */
    private void deliver(String topic) {
        if (subscribers.getOrDefault(topic, Set.of()).isEmpty()) {
            return;
        }
        try {
            HttpResponse<byte[]> feed = client.send(HttpRequest.newBuilder(URI.create(fetchUrl.apply(topic))).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            for (String callback : subscribers.getOrDefault(topic, Set.of())) {
                client.send(HttpRequest.newBuilder(URI.create(callback))
                        .header("Content-Type", feed.headers().firstValue("Content-Type").orElse("application/xml"))
                        .header("Link", "<" + url() + ">; rel=\"hub\", <" + topic + ">; rel=\"self\"")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(feed.body())).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // A lost delivery shows as a subscriber that never receives the content.
        }
    }

    static Map<String, String> form(InputStream body) throws IOException {
        return query(new String(body.readAllBytes(), StandardCharsets.UTF_8));
    }

    static Map<String, String> query(String encoded) {
        Map<String, String> values = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            values.put(name, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The topics of the accepted pings, in order. */
    List<String> acceptedTopics() {
        List<String> topics = new ArrayList<>();
        for (Received ping : acceptedPings()) {
            topics.add(ping.topic());
        }
        return topics;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
