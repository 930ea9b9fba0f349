package org.conditionalfeed.ops;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
        String reason = status >= 500 ? "Internal error" : "Request refused";
        if (uri instanceof String path && path.startsWith(request.getContextPath() + "/api/")) {
            byte[] body = ("{\"error\":\"" + reason + " (" + status + ")\"}").getBytes(StandardCharsets.UTF_8);
            response.setStatus(status);
            response.setContentType("application/json; charset=UTF-8");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        } else {
            PlainTextErrors.send(response, status, reason + " (" + status + ")");
        }
    }
}
