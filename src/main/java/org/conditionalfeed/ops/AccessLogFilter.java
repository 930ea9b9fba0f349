package org.conditionalfeed.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the {@code org.conditionalfeed.access} logger of
 * {@code java.util.logging}, e.g.
 * {@code 203.0.113.7 GET /feed.xml 304 1ms etag="7-3f2a1b9c0d4e-gz" ua="newsboat/2.21.0"}, so an
 * operator can count 200s and 304s and see who asked: the client's address, as a trusted reverse
 * proxy forwarded it. It is also the outermost barrier: an exception nothing else handled is logged
 * with its stack trace and answered with a {@code 500} that carries none (JSON under
 * {@code /api/}), or {@code 503} when the database failed; a connection the client closed is one
 * line.
 *
 * <p>The access log is the one logger written through {@code java.util.logging} itself, the
 * backend every other log line reaches through SLF4J: SLF4J's JUL binding walks the stack to
 * find the caller of every record, which for this line per request would cost more than
 * answering a {@code 304}. The line is formatted here, so the record carries no parameters.
 *
 * <p>Thread-safe.
 */
public final class AccessLogFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final java.util.logging.Logger ACCESS =
            java.util.logging.Logger.getLogger("org.conditionalfeed.access");
    private static final Logger LOG = LoggerFactory.getLogger(AccessLogFilter.class);

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String line(HttpServletRequest request, HttpServletResponse response, long millis) {
        String query = request.getQueryString();
        String agent = request.getHeader("User-Agent");
        String etag = response.getHeader("ETag");
        StringBuilder line = new StringBuilder(128).append(request.getRemoteAddr()).append(' ')
                .append(request.getMethod()).append(' ')
                .append(request.getRequestURI());
        if (query != null) {
            line.append('?').append(query);
        }
        return line.append(' ').append(response.getStatus()).append(' ').append(millis).append("ms etag=")
                .append(etag == null ? "-" : etag)
                .append(" ua=\"").append(agent == null ? "-" : agent.replace('"', '\'')).append('"')
                .toString();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } catch (IOException e) {
            // The application's own I/O (database, disk) fails as other exceptions; an IOException
            // here is the client's connection failing, e.g. a reader that closed it mid-response.
            LOG.debug("Connection to the client lost during {} {}: {}", request.getMethod(), request.getRequestURI(),
                    e.toString());
        } catch (ServletException | RuntimeException e) {
            boolean database = causedBy(e, SQLException.class);
            LOG.error("{} on {} {}", database ? "Database failure" : "Unhandled failure", request.getMethod(),
                    request.getRequestURI(), e);
            if (!response.isCommitted()) {
                response.reset();
                if (database) {
                    response.setHeader("Retry-After", "10");
                    ErrorResponses.send(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                            "The database is not available; try again shortly");
                } else {
                    ErrorResponses.send(request, response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                            "Internal error; the server log has the details");
                }
            }
        } finally {
            if (ACCESS.isLoggable(Level.INFO)) {
                ACCESS.log(Level.INFO, line(request, response, (System.nanoTime() - started) / 1_000_000));
            }
        }
    }
}
