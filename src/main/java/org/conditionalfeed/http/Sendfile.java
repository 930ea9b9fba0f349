package org.conditionalfeed.http;

import jakarta.servlet.ServletRequest;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Hands the sending of a file's bytes to the servlet container, as Tomcat's
 * {@code DefaultServlet} does: when the connector says it can ({@value #SUPPORT} is
 * {@code TRUE}), the request names the file and the byte range ({@value #FILENAME},
 * {@value #START}, {@value #END}, the end exclusive), the servlet writes no body, and once it
 * returns the connector copies from the kernel's page cache to the socket without the bytes
 * passing through the JVM or holding a request thread. Only request attributes are used, so a
 * container without sendfile simply never offers it.
 *
 * <p>Stateless and thread-safe.
 */
final class Sendfile {

    static final String SUPPORT = "org.apache.tomcat.sendfile.support";
    static final String FILENAME = "org.apache.tomcat.sendfile.filename";
    static final String START = "org.apache.tomcat.sendfile.start";
    static final String END = "org.apache.tomcat.sendfile.end";
    /** Below this, writing from the JVM is cheaper than a sendfile hand-over (DefaultServlet's default). */
    static final long MIN_BYTES = 48 * 1024;

    private Sendfile() {
    }

    /**
     * Leaves bytes {@code first .. first + count - 1} of the representation's file to the
     * container, when the representation has a file, the container offers sendfile and the range
     * is large enough to gain from it.
     *
     * @return whether the container sends them; when {@code false} the caller writes them
     */
    static boolean offer(ServletRequest request, StreamedRepresentation representation, long first, long count) {
        Optional<Path> file = chosen(representation.file(), Boolean.TRUE.equals(request.getAttribute(SUPPORT)), count);
        if (file.isEmpty()) {
            return false;
        }
        request.setAttribute(FILENAME, file.get().toAbsolutePath().toString());
        request.setAttribute(START, first);
        request.setAttribute(END, first + count);
        return true;
    }

    /** The file to hand over, if any: a file exists, the container supports it, and the range is worth it. */
    static Optional<Path> chosen(Optional<Path> file, boolean supported, long count) {
        return supported && count >= MIN_BYTES ? file : Optional.empty();
    }
}
