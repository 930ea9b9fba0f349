package org.conditionalfeed.thumbs;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.conditionalfeed.http.PlainTextErrors;
import org.conditionalfeed.http.StreamedRepresentation;
import org.conditionalfeed.http.StreamingResponder;
import org.conditionalfeed.http.Validators;
import org.conditionalfeed.media.Media;
import org.conditionalfeed.media.MediaRows;
import org.conditionalfeed.store.StoreException;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves each thumbnail at its immutable URL ({@link ThumbnailLinks}), to anyone:
 *
 * <pre>curl -i http://localhost:8080/thumbs/9f86d081884c7d65/1/320</pre>
 *
 * Served like the source medium: strong {@code ETag}, {@code Last-Modified} the source's upload
 * time, a year of {@code immutable} caching, {@code X-Content-Type-Options: nosniff}, and
 * conditional and range requests as {@link StreamingResponder} answers them. The validators
 * follow from the medium's row ({@link MediaRows}), so a {@code 304} or {@code 412} needs
 * that row and nothing else; only a {@code 200} or {@code 206} gets the thumbnail, made on the
 * first request. A width
 * other than {@link ThumbnailSize#WIDTHS}, a medium that is not an image, or a digest that does
 * not match is {@code 404}.
 *
 * <p>Thread-safe.
 */
public final class ThumbnailServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailServlet.class);

    private final transient MediaRows sources;
    private final transient Thumbnails thumbnails;
    private final transient StreamingResponder responder;
    private final transient Clock clock;

    /**
     * @param sources the media rows, kept in memory when this process is the database's only user
     */
    public ThumbnailServlet(MediaRows sources, Thumbnails thumbnails, StreamingResponder responder,
            Clock clock) {
        this.sources = sources;
        this.thumbnails = thumbnails;
        this.responder = responder;
        this.clock = clock;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (PlainTextErrors.refuseUnlessGetOrHead(request, response)) {
            return;
        }
        Optional<ThumbnailLinks.Address> address = ThumbnailLinks.parse(request.getPathInfo());
        if (address.isPresent() && !ThumbnailSize.WIDTHS.contains(address.get().width())) {
            PlainTextErrors.send(response, HttpServletResponse.SC_NOT_FOUND,
                    "No thumbnail of that width; the widths are " + ThumbnailSize.WIDTHS);
            return;
        }
        try {
            Optional<Media> source = address.flatMap(a -> sources.find(a.id()).filter(a::names));
            if (source.isEmpty()) {
                PlainTextErrors.send(response, HttpServletResponse.SC_NOT_FOUND, "No such thumbnail");
                return;
            }
            Media image = source.get();
            int width = address.get().width();
            response.setHeader("X-Content-Type-Options", "nosniff");
            Validators validators = new Validators(ThumbnailLinks.etag(image, width), image.created());
            responder.respond(request, response, validators, () -> {
                Thumbnail thumbnail = thumbnails.get(image, width);
                byte[] bytes = thumbnail.bytes();
                return new StreamedRepresentation(thumbnail.type(), bytes.length, validators,
                        (out, first, count) -> out.write(bytes, (int) first, (int) count));
            }, clock.instant());
        } catch (ThumbnailUnavailable e) {
            response.reset();
            if (e.status() == HttpServletResponse.SC_SERVICE_UNAVAILABLE) {
                response.setHeader("Retry-After", "5");
            }
            PlainTextErrors.send(response, e.status(), e.getMessage());
        } catch (StoreException | JdbiException e) {
            LOG.error("Database failure on {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
            if (response.isCommitted()) {
                throw e;
            }
            response.reset();
            PlainTextErrors.send(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "The database is not available");
        }
    }
}
