package org.conditionalfeed.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a cacheable representation the way RFC 9110 asks: validators and caching headers on
 * every {@code 200}, {@code 206} and {@code 304}; the precondition decision of
 * {@link ConditionalGet}; single byte ranges; HEAD without a body. The servlet only chooses the
 * representation; everything about conditional requests happens here. A client that closes the
 * connection before the body is written costs one debug line, not a stack trace.
 *
 * <p>Thread-safe: holds only its immutable cache policy.
 */
public final class RepresentationResponder {

    private static final Logger LOG = LoggerFactory.getLogger(RepresentationResponder.class);

    /**
     * The request attribute that holds the {@link Representation} chosen for the answer (before
     * the precondition decision), for whoever counts what a conditional request saved.
     */
    public static final String SELECTED = RepresentationResponder.class.getName() + ".selected";

    private final String cacheControl;

    /** @param cacheControl the {@code Cache-Control} value for every response this writes */
    public RepresentationResponder(String cacheControl) {
        this.cacheControl = cacheControl;
    }

    /**
     * Answers a GET or HEAD with the identity representation or, when the client accepts gzip
     * and one is given, its gzip variant.
     *
     * @param gzipped the gzip variant, or {@code null} when this resource is never compressed
     */
    public void respond(HttpServletRequest request, HttpServletResponse response, Representation identity,
            Representation gzipped, Instant now) throws IOException {
        Representation selected = gzipped != null && AcceptEncoding.acceptsGzip(lines(request, "Accept-Encoding"))
                ? gzipped : identity;
        request.setAttribute(SELECTED, selected);
        Validators validators = selected.validators();
        String method = request.getMethod();
        if (gzipped != null) {
            response.setHeader("Vary", "Accept-Encoding");
        }
        if (!ConditionalResponse.proceed(request, response, validators, cacheControl, now)) {
            return;
        }

        byte[] body = selected.body();
        response.setHeader("Accept-Ranges", "bytes");
        response.setContentType(selected.contentType());
        if (selected.contentEncoding() != null) {
            response.setHeader("Content-Encoding", selected.contentEncoding());
        }
        ByteRange range = ByteRange.select(method, lines(request, "Range"), lines(request, "If-Range"),
                validators, body.length, now);
        switch (range.kind()) {
            case UNSATISFIABLE -> {
                response.setStatus(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
                response.setHeader("Content-Range", "bytes */" + body.length);
                response.setContentLength(0);
            }
            case PARTIAL -> {
                response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
                response.setHeader("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + body.length);
                writeBody(request, response, body, (int) range.first(), (int) range.length());
            }
            case FULL -> {
                response.setStatus(HttpServletResponse.SC_OK);
                writeBody(request, response, body, 0, body.length);
            }
        }
    }

    private static void writeBody(HttpServletRequest request, HttpServletResponse response, byte[] body, int offset,
            int length) {
        response.setContentLength(length);
        if ("HEAD".equals(request.getMethod())) {
            return;
        }
        try {
            response.getOutputStream().write(body, offset, length);
        } catch (IOException clientGone) {
            // A reader that stops reading and closes the connection is ordinary on the internet:
            // one line for whoever looks, and nothing more to say to that client.
            LOG.debug("Client closed the connection during {} {} (a body of {} bytes): {}", request.getMethod(),
                    request.getRequestURI(), length, clientGone.toString());
        }
    }

    private static List<String> lines(HttpServletRequest request, String name) {
        return ConditionalResponse.lines(request, name);
    }
}
