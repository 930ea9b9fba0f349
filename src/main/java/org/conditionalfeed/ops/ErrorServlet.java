package org.conditionalfeed.ops;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.conditionalfeed.http.PlainTextErrors;

/**
 * The error page for errors the container raises itself: JSON under {@code /api/}, plain text
 * elsewhere, never a stack trace or the server's version.
 *
 * <p>Thread-safe.
 */
public final class ErrorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = ErrorResponses.pathWithinApplication(request, uri instanceof String given ? given : "");
        String message = ErrorResponses.reason(status) + " (" + status + ")";
        if (ErrorResponses.isApiPath(path)) {
            ErrorResponses.sendJson(response, status, message);
        } else {
            PlainTextErrors.send(response, status, message);
        }
    }
}
