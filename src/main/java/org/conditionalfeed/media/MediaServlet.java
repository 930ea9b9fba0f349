package org.conditionalfeed.media;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.conditionalfeed.http.EntityTag;
import org.conditionalfeed.http.PlainTextErrors;
import org.conditionalfeed.http.StreamedRepresentation;
import org.conditionalfeed.http.StreamingResponder;
import org.conditionalfeed.http.Validators;
import org.conditionalfeed.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves each medium at its immutable public URL ({@link MediaLinks}), to anyone:
 *
 * <pre>curl -r 0-1 -i http://localhost:8080/media/9f86d081884c7d65/1/episode-1.mp3</pre>
 *
 * Strong {@code ETag} from the SHA-256, {@code Last-Modified} the upload time, a year of
 * {@code immutable} caching, {@code X-Content-Type-Options: nosniff} and an inline
 * {@code Content-Disposition}; conditional and range requests as {@link StreamingResponder}
 * answers them. The bytes come from the medium's copy in the local {@link MediaCache}, sent by
 * the container's sendfile where it can; until the copy is made, they stream from the database
 * one chunk at a time ({@link MediaChunks}).
 *
 * <p>Thread-safe.
 */
public final class MediaServlet extends HttpServlet {

    /** The {@code Cache-Control} of every medium: its URL names one byte sequence forever. */
    public static final String CACHE_CONTROL = "public, max-age=31536000, immutable";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MediaServlet.class);

    private final transient MediaRows rows;
    private final transient MediaChunks chunks;
    private final transient MediaCache cache;
    private final transient StreamingResponder responder;
    private final transient Clock clock;

    /**
     * Serves from {@code store}, or from {@code cache}'s copies where they are made;
     * {@link #destroy()} stops the threads that read its chunks and make the copies.
     *
     * @param rows the media rows, kept in memory when this process is the database's only user
     */
    public MediaServlet(MediaStore store, MediaRows rows, MediaCache cache, StreamingResponder responder,
            Clock clock) {
        this.rows = rows;
        this.chunks = new MediaChunks(store);
        this.cache = cache;
        this.responder = responder;
        this.clock = clock;
        store.onDelete(cache::forget);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (PlainTextErrors.refuseUnlessGetOrHead(request, response)) {
            return;
        }
        try {
            Optional<MediaLinks.Address> address = MediaLinks.parse(request.getPathInfo());
            Optional<Media> media = address.flatMap(a -> rows.find(a.id()).filter(a::names));
            if (media.isEmpty()) {
                PlainTextErrors.send(response, HttpServletResponse.SC_NOT_FOUND, "No such file");
                return;
            }
            Media found = media.get();
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Content-Disposition", contentDisposition(found.filename()));
            Validators validators = new Validators(EntityTag.strong(found.sha256()), found.created());
            responder.respond(request, response, validators, () -> representation(found, validators), clock.instant());
        } catch (StoreException e) {
            LOG.error("Database failure on {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
            if (response.isCommitted()) {
                throw e;
            }
            response.reset();
            PlainTextErrors.send(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "The database is not available");
        }
    }

    /** The medium's bytes from its cached copy when there is one (sent with sendfile), else from the database. */
    private StreamedRepresentation representation(Media media, Validators validators) {
        StreamedRepresentation.RangeSource database = (out, first, count) -> chunks.write(media, out, first, count);
        Optional<Path> copy = cache.copy(media);
        StreamedRepresentation.RangeSource source = copy.<StreamedRepresentation.RangeSource>map(
                file -> new FileRangeSource(file, database, () -> cache.damaged(media.id()))).orElse(database);
        return new StreamedRepresentation(media.type(), media.length(), validators, source, copy);
    }

    /** {@code inline}, the name in ASCII for old clients and in full as RFC 8187 UTF-8. */
    static String contentDisposition(String filename) {
        StringBuilder ascii = new StringBuilder();
        filename.chars().forEach(c -> ascii.append(c < 0x20 || c > 0x7E || c == '"' || c == '\\' ? '_' : (char) c));
        return "inline; filename=\"" + ascii + "\"; filename*=UTF-8''" + MediaLinks.pathSegment(filename);
    }

    @Override
    public void destroy() {
        chunks.close();
        cache.close();
    }
}
