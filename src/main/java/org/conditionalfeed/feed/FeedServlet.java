package org.conditionalfeed.feed;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.conditionalfeed.http.PlainTextErrors;
import org.conditionalfeed.http.RepresentationResponder;

/**
 * {@code GET} and {@code HEAD /feed.xml}: the RSS feed, answered with {@code 304} whenever the
 * reader already has the current version.
 *
 * <pre>curl -i -H 'If-None-Match: "7-3f2a1b9c0d4e"' http://localhost:8080/feed.xml</pre>
 *
 * <p>Thread-safe.
 */
public final class FeedServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient FeedPublisher publisher;
    private final transient RepresentationResponder responder;
    private final transient Clock clock;
    private final transient List<String> links;

    public FeedServlet(FeedPublisher publisher, RepresentationResponder responder, Clock clock) {
        this(publisher, responder, clock, List.of());
    }

    /** @param links {@code Link} header values every answer carries, such as WebSub's hub and self links */
    public FeedServlet(FeedPublisher publisher, RepresentationResponder responder, Clock clock, List<String> links) {
        this.publisher = publisher;
        this.responder = responder;
        this.clock = clock;
        this.links = List.copyOf(links);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (PlainTextErrors.refuseUnlessGetOrHead(request, response)) {
            return;
        }
        FeedSnapshot snapshot = publisher.current();
        for (int i = 0; i < links.size(); i++) {
            response.addHeader("Link", links.get(i));
        }
        responder.respond(request, response, snapshot.identity(), snapshot.gzip(), clock.instant());
    }
}
