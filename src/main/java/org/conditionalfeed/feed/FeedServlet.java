package org.conditionalfeed.feed;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.conditionalfeed.http.PlainTextErrors;
import org.conditionalfeed.http.RepresentationResponder;

/**
 * {@code GET} and {@code HEAD} of every feed: {@code /feed.xml}, {@code /feed.atom},
 * {@code /feed.json}, and the same under {@code /categories/{category}/} for each category in use,
 * and of their HTML pages, the home page {@code /} and {@code /categories/{category}/} (later
 * pages with {@code ?page=2} and so on); answered with {@code 304} whenever the reader already has
 * the current version. A category no entry has, a page past the last, or any other path under
 * {@code /categories/}, is {@code 404}.
 *
 * <pre>curl -i -H 'If-None-Match: "Xw8MK2qKbl3Lr5y1nOe0RA"' http://localhost:8080/categories/java/feed.atom</pre>
 *
 * <p>Thread-safe.
 */
public final class FeedServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The servlet mappings this servlet answers. */
    public static final String[] MAPPINGS = {"", "/feed.xml", "/feed.atom", "/feed.json", "/categories/*"};

    private final transient FeedPublisher publisher;
    private final transient RepresentationResponder responder;
    private final transient Clock clock;
    private final transient Function<String, List<String>> links;

    public FeedServlet(FeedPublisher publisher, RepresentationResponder responder, Clock clock) {
        this(publisher, responder, clock, path -> List.of());
    }

    /**
     * @param links the {@code Link} header values every answer of a feed carries, such as WebSub's
     *     hub and self links, given the feed's path (e.g. {@code /categories/java/feed.atom})
     */
    public FeedServlet(FeedPublisher publisher, RepresentationResponder responder, Clock clock,
            Function<String, List<String>> links) {
        this.publisher = publisher;
        this.responder = responder;
        this.clock = clock;
        this.links = links;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<FeedKey> key = FeedKey.parse(request.getRequestURI().substring(request.getContextPath().length()))
                .flatMap(parsed -> parsed.isFeed() ? Optional.of(parsed) : page(parsed, request.getParameter("page")));
        if (key.isEmpty()) {
            PlainTextErrors.send(response, HttpServletResponse.SC_NOT_FOUND, "No such feed");
            return;
        }
        if (PlainTextErrors.refuseUnlessGetOrHead(request, response)) {
            return;
        }
        Optional<FeedSnapshot> snapshot;
        try {
            snapshot = publisher.current(key.get());
        } catch (FeedPublisher.Busy e) {
            response.setHeader("Retry-After", Integer.toString(e.retryAfterSeconds()));
            PlainTextErrors.send(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, e.answer());
            return;
        }
        if (snapshot.isEmpty()) {
            PlainTextErrors.send(response, HttpServletResponse.SC_NOT_FOUND,
                    key.get().page() > 1 ? "No such page" : "No entry has this category");
            return;
        }
        if (key.get().isFeed()) {
            for (String link : links.apply(key.get().path())) {
                response.addHeader("Link", link);
            }
        }
        responder.respond(request, response, snapshot.get().identity(), snapshot.get().gzip(), clock.instant());
    }

    /** The page of an HTML listing that {@code ?page=} names: 1 when absent, empty when it is no page number. */
    private static Optional<FeedKey> page(FeedKey first, String page) {
        if (page == null) {
            return Optional.of(first);
        }
        if (!page.matches("[1-9][0-9]{0,5}") || Integer.parseInt(page) > FeedKey.MAX_PAGE) {
            return Optional.empty();
        }
        return Optional.of(first.page(Integer.parseInt(page)));
    }
}
