package org.conditionalfeed.ops;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.conditionalfeed.http.PlainTextErrors;
import org.conditionalfeed.store.Database;

/**
 * {@code GET /healthz}: {@code 200 ok} while the database answers, {@code 503} otherwise.
 *
 * <pre>curl -i http://localhost:8080/healthz</pre>
 *
 * <p>Thread-safe.
 */
public final class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final int TIMEOUT_SECONDS = 2;

    private final transient Database database;

    public HealthServlet(Database database) {
        this.database = database;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (PlainTextErrors.refuseUnlessGetOrHead(request, response)) {
            return;
        }
        if (database.isReachable(TIMEOUT_SECONDS)) {
            PlainTextErrors.send(response, HttpServletResponse.SC_OK, "ok");
        } else {
            PlainTextErrors.send(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "database unavailable");
        }
    }
}
