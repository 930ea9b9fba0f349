package org.conditionalfeed.feed;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.conditionalfeed.http.EntityTag;
import org.conditionalfeed.http.PlainTextErrors;
import org.conditionalfeed.http.Representation;
import org.conditionalfeed.http.RepresentationResponder;
import org.conditionalfeed.http.Validators;
import org.conditionalfeed.store.Entry;
import org.conditionalfeed.store.EntryRepository;

/**
 * {@code GET} and {@code HEAD /entries/{id}}: the app's HTML page of one entry, under the same
 * conditional rules as the feed. Its validators are the entry's own: the feed revision of its
 * last change and its {@code updated} time, so the page stays cached while other entries change.
 *
 * <pre>curl -i http://localhost:8080/entries/1</pre>
 *
 * <p>Thread-safe.
 */
public final class EntryPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient EntryRepository entries;
    private final transient EntryPageRenderer renderer;
    private final transient FeedChannel channel;
    private final transient RepresentationResponder responder;
    private final transient Clock clock;
    private final String fingerprint;

    public EntryPageServlet(EntryRepository entries, EntryPageRenderer renderer, FeedChannel channel,
            RepresentationResponder responder, Clock clock) {
        this.entries = entries;
        this.renderer = renderer;
        this.channel = channel;
        this.responder = responder;
        this.clock = clock;
        this.fingerprint = channel.fingerprint();
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
        Validators validators = new Validators(
                EntityTag.strong("e" + found.id() + "-" + found.revision() + "-" + fingerprint), found.updated());
        Representation page = new Representation(renderer.render(channel, found), EntryPageRenderer.CONTENT_TYPE,
                null, validators);
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
