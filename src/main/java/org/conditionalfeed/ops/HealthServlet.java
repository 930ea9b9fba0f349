package org.conditionalfeed.ops;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.conditionalfeed.http.PlainTextErrors;
import org.conditionalfeed.store.Database;

/**
 * {@code GET /healthz}: {@code 200 ok} while the database serves requests, {@code 503} whenever
 * requests that need it would fail (unreachable, closed, or not writable after an I/O error). A
 * busy pool is not down: when every connection is in use but the database answered the previous
 * check, the answer is {@code 200 ok (busy)}. Answers within a few seconds (see
 * {@link Database#health()}).
 *
 * <pre>curl -i http://localhost:8080/healthz</pre>
 *
 * <p>Thread-safe.
 */
public final class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Database database;

    public HealthServlet(Database database) {
        this.database = database;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (PlainTextErrors.refuseUnlessGetOrHead(request, response)) {
            return;
        }
        switch (database.health()) {
            case UP -> PlainTextErrors.send(response, HttpServletResponse.SC_OK, "ok");
            case BUSY -> PlainTextErrors.send(response, HttpServletResponse.SC_OK, "ok (busy)");
            case DOWN -> PlainTextErrors.send(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "database unavailable");
        }
    }
}
