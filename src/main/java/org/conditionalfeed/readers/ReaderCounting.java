package org.conditionalfeed.readers;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.conditionalfeed.http.Representation;
import org.conditionalfeed.http.RepresentationResponder;

/**
 * In front of the feed URLs, outside {@link PolitePolling}: once a {@code GET} or {@code HEAD}
 * is answered ({@code 200}, {@code 206}, {@code 304} or {@code 429}), hands what the request
 * sent and what it got to the {@link ReaderCounter}: no database access, nothing read but the
 * request's and response's headers and the representation the feed servlet chose. A browser's
 * request ({@link Manners#browser()}) is not a reader's and is not counted.
 *
 * <p>Thread-safe.
 */
final class ReaderCounting extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private final transient ReaderCounter counter;
    private final transient Clock clock;

    ReaderCounting(ReaderCounter counter, Clock clock) {
        this.counter = counter;
        this.clock = clock;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request, response);
        String method = request.getMethod();
        boolean get = method.equals("GET");
        if (!get && !method.equals("HEAD")) {
            return;
        }
        int status = response.getStatus();
        if (status != 200 && status != 206 && status != 304 && status != 429) {
            return;
        }
        String ifNoneMatch = request.getHeader("If-None-Match");
        String ifModifiedSince = request.getHeader("If-Modified-Since");
        if (Manners.of(ifNoneMatch, ifModifiedSince, request.getHeader("Sec-Fetch-Mode"),
                request.getHeader("Sec-Fetch-Dest"), request.getHeader("Accept")).browser()) {
            return;
        }
        long full = 0;
        long sent = 0;
        if (get && request.getAttribute(RepresentationResponder.SELECTED) instanceof Representation selected) {
            full = selected.body().length;
            sent = status == 304 ? 0 : status == 206 ? lengthOf(response) : full;
        }
        long retryAfter = status == 429 && request.getAttribute(PolitePolling.VERDICT) instanceof PollPolicy.Verdict verdict
                ? verdict.retryAfterSeconds() : 0;
        String pathInfo = request.getPathInfo();
        String feed = pathInfo == null ? request.getServletPath() : request.getServletPath() + pathInfo;
        counter.count(feed, request.getRemoteAddr(), request.getHeader("User-Agent"), ifNoneMatch, ifModifiedSince,
                status, retryAfter, response.getHeader("ETag"), response.getHeader("Last-Modified"), sent, full,
                clock.millis());
    }

    /** The {@code Content-Length} of a partial answer. */
    private static long lengthOf(HttpServletResponse response) {
        String length = response.getHeader("Content-Length");
        try {
            return length == null ? 0 : Long.parseLong(length);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
