package org.conditionalfeed.feed;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.time.Instant;
import org.conditionalfeed.http.PlainTextErrors;
import org.conditionalfeed.http.Representation;
import org.conditionalfeed.http.RepresentationResponder;
import org.conditionalfeed.store.Entry;
import org.conditionalfeed.store.EntryRepository;
import org.conditionalfeed.store.FeedStateRepository;

/**
 * {@code GET} and {@code HEAD /entries/{id}}: the app's HTML page of one entry, under the same
 * conditional rules as the feed. Its validators are the page's own, so the page stays cached
 * while other entries change: the entity tag is a digest of the page's bytes, which can never
 * name another page, whatever happens to the database (entry ids start again at 1 in a
 * recreated one); {@code Last-Modified} is the entry's {@code updated} time, or the time claimed
 * at the latest start when that is later ({@link FeedStateRepository#restartedAt()}), because
 * after a restore from a backup an entry's stored time can be older than a {@code Last-Modified}
 * already sent for a newer version of the page.
 *
 * <pre>curl -i http://localhost:8080/entries/1</pre>
 *
 * <p>Thread-safe.
 */
public final class EntryPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient EntryRepository entries;
    private final transient FeedStateRepository feedState;
    private final transient EntryPageRenderer renderer;
    private final transient FeedChannel channel;
    private final transient RepresentationResponder responder;
    private final transient Clock clock;

    public EntryPageServlet(EntryRepository entries, FeedStateRepository feedState, EntryPageRenderer renderer,
            FeedChannel channel, RepresentationResponder responder, Clock clock) {
        this.entries = entries;
        this.feedState = feedState;
        this.renderer = renderer;
        this.channel = channel;
        this.responder = responder;
        this.clock = clock;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (PlainTextErrors.refuseUnlessGetOrHead(request, response)) {
            return;
        }
        Optional<Entry> entry = parseId(request.getPathInfo()).flatMap(entries::find);
        if (entry.isEmpty()) {
            PlainTextErrors.send(response, HttpServletResponse.SC_NOT_FOUND, "No such entry");
            return;
        }
        Entry found = entry.get();
        Instant restarted = feedState.restartedAt();
        Instant lastModified = found.updated().isAfter(restarted) ? found.updated() : restarted;
        Representation page = Representation.contentAddressed(renderer.render(channel, found),
                EntryPageRenderer.CONTENT_TYPE, lastModified);
        response.setHeader("Content-Security-Policy", EntryPageRenderer.CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        responder.respond(request, response, page, null, clock.instant());
    }

    private static Optional<Long> parseId(String pathInfo) {
        if (pathInfo == null || !pathInfo.matches("/[1-9][0-9]{0,17}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(pathInfo.substring(1)));
    }
}
