package org.conditionalfeed.testing;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the running server writes to its access log, the {@code org.conditionalfeed.access} logger
 * of {@code java.util.logging}, from {@link #capture()} until {@link #close()}: proof of what a
 * real client actually sent, where the client itself hides it (a browser shows a revalidated
 * {@code 304} to its page as {@code 200}). Close it in teardown.
 *
 * <p>Thread-safe: the server's threads add lines while the test reads them.
 */
public final class AccessLog implements AutoCloseable {

    /** Held strongly so the handler stays attached. */
    private static final Logger ACCESS = Logger.getLogger("org.conditionalfeed.access");
    /** {@code 127.0.0.1 GET /feed.xml 304 1ms etag="7-3f2a1b9c0d4e-gz" ua="newsboat/2.21.0"} */
    private static final Pattern LINE =
            Pattern.compile("(\\S+) (\\S+) (\\S+) (\\d{3}) \\d+ms etag=(\\S+) ua=\"(.*)\"");
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    /**
     * One request as the server logged it; {@code etag} is the header's value, or {@code -} when
     * none was sent; {@code client} the client's address.
     */
    public record Request(String method, String target, int status, String etag, String userAgent, String client) {
    }

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            // Parsed when read: a handler that throws would break the server's request, not the test.
            lines.add(new SimpleFormatter().formatMessage(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private AccessLog() {
    }

    public static AccessLog capture() {
        AccessLog log = new AccessLog();
        ACCESS.addHandler(log.handler);
        return log;
    }

    private static Request parse(String line) {
        Matcher matcher = LINE.matcher(line);
        if (!matcher.matches()) {
            throw new AssertionError("unexpected access log line: " + line);
        }
        return new Request(matcher.group(2), matcher.group(3), Integer.parseInt(matcher.group(4)), matcher.group(5),
                matcher.group(6), matcher.group(1));
    }

    /** The requests logged so far, oldest first. */
    public List<Request> requests() {
        return lines.stream().map(AccessLog::parse).toList();
    }

    /** The requests logged so far that match, oldest first. */
    public List<Request> requests(Predicate<Request> which) {
        return requests().stream().filter(which).toList();
    }

    /**
     * Waits until at least {@code count} requests match, and returns all that do. The server
     * logs a request once it has answered it, so the line may come just after the client has
     * the response.
     */
    public List<Request> await(Predicate<Request> which, int count) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        List<Request> matching = requests(which);
        while (matching.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
            matching = requests(which);
        }
        return matching;
    }

    /** {@code GET}s of {@code target} by a user agent whose name starts with {@code agent}, in any case. */
    public static Predicate<Request> get(String target, String agent) {
        return request -> request.method().equals("GET") && request.target().equals(target)
                && request.userAgent().toLowerCase(Locale.ROOT).startsWith(agent.toLowerCase(Locale.ROOT));
    }

    @Override
    public void close() {
        ACCESS.removeHandler(handler);
    }
}
