package org.conditionalfeed.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Counts every request by {@link Route} and status ({@code feed_http_requests_total}) and the
 * body bytes written ({@code feed_http_response_body_bytes_total}), and offers the share of feed
 * requests answered {@code 304} since start ({@code feed_http_not_modified_share}).
 *
 * <p>Cheap on the {@code 304} path: a counter is looked up in an array by route and status,
 * registered once on first use; counting allocates one small response wrapper, plus a counting
 * stream only when a body is written. The status counted is the one the response ends with,
 * since this filter sits outside the error handling. Bytes are those of the body the application
 * writes, without headers and before any compression by a proxy.
 *
 * <p>Thread-safe.
 */
final class RequestMetrics extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final int STATUSES = 500;
    private static final Route[] ROUTES = Route.values();

    private final transient MeterRegistry registry;
    private final transient AtomicReferenceArray<Counter> requests =
            new AtomicReferenceArray<>(ROUTES.length * (STATUSES + 1));
    private final transient Counter[] bytes = new Counter[ROUTES.length];

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Route route : ROUTES) {
            bytes[route.ordinal()] = Counter.builder("feed.http.response.body").baseUnit("bytes")
                    .description("Body bytes written, by route").tag("route", route.tag()).register(registry);
        }
        // The feed's usual answers exist from the start, so rates and shares have no gaps.
        for (int status : new int[] {200, 304, 429}) {
            requests(Route.FEED, status);
        }
        Gauge.builder("feed.http.not.modified.share", this, RequestMetrics::notModifiedShare)
                .description("Share of feed requests answered 304 since start").register(registry);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String pathInfo = request.getPathInfo();
        Route route = Route.of(pathInfo == null ? request.getServletPath() : request.getServletPath() + pathInfo);
        CountingResponse counting = new CountingResponse(response);
        try {
            chain.doFilter(request, counting);
        } finally {
            requests(route, response.getStatus()).increment();
            long written = counting.written() + sentByContainer(request);
            if (written > 0) {
                bytes[route.ordinal()].increment(written);
            }
        }
    }

    /** The body bytes the container sends from a file by itself after the servlet returns (sendfile). */
    private static long sentByContainer(HttpServletRequest request) {
        if (request.getAttribute("org.apache.tomcat.sendfile.filename") != null
                && request.getAttribute("org.apache.tomcat.sendfile.start") instanceof Long start
                && request.getAttribute("org.apache.tomcat.sendfile.end") instanceof Long end) {
            return end - start;
        }
        return 0;
    }

    private Counter requests(Route route, int status) {
        int slot = status >= 100 && status < 100 + STATUSES ? status - 100 : STATUSES;
        int index = route.ordinal() * (STATUSES + 1) + slot;
        Counter counter = requests.get(index);
        if (counter == null) {
            // The registry returns the one meter of an id, so racing registrations agree.
            counter = Counter.builder("feed.http.requests").description("Requests answered, by route and status")
                    .tag("route", route.tag()).tag("status", slot == STATUSES ? "other" : Integer.toString(status))
                    .register(registry);
            requests.set(index, counter);
        }
        return counter;
    }

    private double notModifiedShare() {
        int base = Route.FEED.ordinal() * (STATUSES + 1);
        double all = 0;
        for (int slot = 0; slot <= STATUSES; slot++) {
            Counter counter = requests.get(base + slot);
            all += counter == null ? 0 : counter.count();
        }
        Counter notModified = requests.get(base + 304 - 100);
        return all == 0 ? 0 : notModified.count() / all;
    }
}
