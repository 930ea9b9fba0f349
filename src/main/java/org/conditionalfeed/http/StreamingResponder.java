package org.conditionalfeed.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming sibling of {@link RepresentationResponder}, for representations too large to hold
 * in memory: the same validator headers and {@link ConditionalGet} decision, then {@code 200},
 * {@code 206} with one range, {@code 206 multipart/byteranges} with several, or {@code 416}
 * with {@code Content-Range: bytes *}{@code /length}; HEAD without a body. Bytes come from the
 * representation's {@link StreamedRepresentation.RangeSource}; every {@code 200} and {@code 206}
 * carries {@code Content-Type} and {@code Content-Length}. A whole representation or a single
 * range of one that has a file is left to the container's sendfile where it offers it
 * ({@link Sendfile}).
 *
 * <p>A client that goes away mid-body costs one log line, not a stack trace.
 *
 * <p>Thread-safe: holds only its immutable cache policy.
 */
public final class StreamingResponder {

    /** The most ranges one request may ask for; a longer range set is ignored (RFC 9110 section 14.2). */
    public static final int MAX_RANGES = 16;

    private static final Logger LOG = LoggerFactory.getLogger(StreamingResponder.class);

    private final String cacheControl;

    /** @param cacheControl the {@code Cache-Control} value for every response this writes */
    public StreamingResponder(String cacheControl) {
        this.cacheControl = cacheControl;
    }

    /**
     * Answers a GET or HEAD. Header fields that describe the resource rather than the
     * representation's transfer ({@code Content-Disposition}, {@code X-Content-Type-Options}) are
     * the caller's to set before.
     */
    public void respond(HttpServletRequest request, HttpServletResponse response, StreamedRepresentation representation,
            Instant now) throws IOException {
        if (ConditionalResponse.proceed(request, response, representation.validators(), cacheControl, now)) {
            send(request, response, representation, now);
        }
    }

    /**
     * Answers a GET or HEAD for a representation that is costly to get, whose validators are
     * known without it: {@code loader} runs only when the preconditions let the request through,
     * so a {@code 304} or {@code 412} never loads it. The loaded representation must carry the
     * same validators. When the loader throws, the validator header fields are already set and
     * nothing else is written: the caller resets the response and answers the failure.
     */
    public <E extends Exception> void respond(HttpServletRequest request, HttpServletResponse response,
            Validators validators, Loader<E> loader, Instant now) throws IOException, E {
        if (ConditionalResponse.proceed(request, response, validators, cacheControl, now)) {
            send(request, response, loader.load(), now);
        }
    }

    /** Gets a representation once the preconditions pass. */
    @FunctionalInterface
    public interface Loader<E extends Exception> {

        StreamedRepresentation load() throws E;
    }

    private static void send(HttpServletRequest request, HttpServletResponse response,
            StreamedRepresentation representation, Instant now) throws IOException {
        long length = representation.length();
        response.setHeader("Accept-Ranges", "bytes");
        response.setContentType(representation.contentType());
        ByteRanges ranges = ByteRanges.select(request.getMethod(), ConditionalResponse.lines(request, "Range"),
                ConditionalResponse.lines(request, "If-Range"), representation.validators(), length, now, MAX_RANGES);
        boolean head = "HEAD".equals(request.getMethod());
        List<ByteRange> parts = ranges.parts();
        try {
            switch (ranges.kind()) {
                case UNSATISFIABLE -> {
                    response.setStatus(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
                    response.setHeader("Content-Range", "bytes */" + length);
                    response.setContentLength(0);
                }
                case PARTIAL -> {
                    response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
                    if (parts.size() == 1) {
                        ByteRange part = parts.get(0);
                        response.setHeader("Content-Range", "bytes " + part.first() + "-" + part.last() + "/" + length);
                        response.setContentLengthLong(part.length());
                        if (!Sendfile.offer(request, representation, part.first(), part.length())) {
                            representation.source().write(clientStream(response), part.first(), part.length());
                        }
                    } else {
                        MultipartByteRanges body = new MultipartByteRanges(parts, representation.contentType(), length);
                        response.setContentType(body.contentType());
                        response.setContentLengthLong(body.contentLength());
                        body.write(clientStream(response), representation.source());
                    }
                }
                case FULL -> {
                    response.setStatus(HttpServletResponse.SC_OK);
                    response.setContentLengthLong(length);
                    if (!head && !Sendfile.offer(request, representation, 0, length)) {
                        representation.source().write(clientStream(response), 0, length);
                    }
                }
            }
        } catch (ClientGone gone) {
            LOG.info("Client left during {} {}: {}", request.getMethod(), request.getRequestURI(), gone.getMessage());
        }
    }

    private static OutputStream clientStream(HttpServletResponse response) throws IOException {
        return new ClientStream(response.getOutputStream());
    }

    /** A failure to write to the client: the connection is gone, nothing more to do. */
    private static final class ClientGone extends IOException {

        private static final long serialVersionUID = 1L;

        ClientGone(IOException cause) {
            super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
        }
    }

    /** Marks every failure of the client's stream, so a failing source is not mistaken for it. */
    private static final class ClientStream extends FilterOutputStream {

        ClientStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw new ClientGone(e);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                throw new ClientGone(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw new ClientGone(e);
            }
        }
    }
}
