package org.conditionalfeed.readers;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.function.Predicate;

/**
 * In front of the feed URLs: a reader that asks for the same feed again sooner than the
 * {@link PollPolicy} allows gets {@code 429 Too Many Requests} with {@code Retry-After} in
 * seconds, decided from memory alone, before the feed is read or rendered. A browser's request
 * ({@link Manners#browser()}) and the logged-in administrator's are always let through; other
 * methods than {@code GET} and {@code HEAD} are left to the feed servlet. Each feed (main or a
 * category's, in each format) is counted on its own.
 *
 * <pre>curl -i http://localhost:8080/feed.xml   # the fourth time within the interval: 429, Retry-After: 897</pre>
 *
 * <p>Thread-safe.
 */
public final class PolitePolling extends HttpFilter {

    private static final long serialVersionUID = 1L;
    /** The request attribute that holds the {@link PollPolicy.Verdict} of a refused request. */
    static final String VERDICT = PolitePolling.class.getName() + ".verdict";
    private static final byte[] TOO_SOON =
            "Too many requests for this feed: ask again after the seconds in Retry-After\n".getBytes(StandardCharsets.UTF_8);

    private final transient PollLedger ledger;
    private final transient Predicate<HttpServletRequest> administrator;
    private transient volatile Predicate<String> isFeed = path -> true;

    /**
     * @param administrator whether a request comes from the logged-in administrator; asked only
     *     when the request would otherwise be refused
     */
    public PolitePolling(PollLedger ledger, Predicate<HttpServletRequest> administrator) {
        this.ledger = ledger;
        this.administrator = administrator;
    }

    /**
     * Puts this filter in front of {@code urlPatterns}, servlet URL patterns such as
     * {@code /feed.xml} or {@code /categories/*}. A request there counts as a feed's only when
     * {@code isFeed} accepts its path (relative to the application's root, as sent, e.g.
     * {@code /categories/java/feed.atom}); any other passes untouched, so a pattern may cover
     * pages beside the feeds.
     */
    public void register(ServletContext context, Predicate<String> isFeed, String... urlPatterns) {
        this.isFeed = isFeed;
        context.addFilter("politePolling", this)
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, urlPatterns);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String method = request.getMethod();
        String feed = request.getRequestURI().substring(request.getContextPath().length());
        if (!method.equals("GET") && !method.equals("HEAD") || !isFeed.test(feed)) {
            chain.doFilter(request, response);
            return;
        }
        Manners manners = Manners.of(request.getHeader("If-None-Match"), request.getHeader("If-Modified-Since"),
                request.getHeader("Sec-Fetch-Mode"), request.getHeader("Sec-Fetch-Dest"), request.getHeader("Accept"));
        if (manners.browser()) {
            chain.doFilter(request, response);
            return;
        }
        PollPolicy.Verdict verdict = ledger.admit(request.getRemoteAddr(), request.getHeader("User-Agent"), feed,
                manners.validators().conditional());
        if (verdict.allowed() || administrator.test(request)) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(VERDICT, verdict);
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(verdict.retryAfterSeconds()));
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/plain; charset=UTF-8");
        response.setContentLength(TOO_SOON.length);
        if (method.equals("GET")) {
            response.getOutputStream().write(TOO_SOON);
        }
    }
}
