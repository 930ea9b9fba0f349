package org.conditionalfeed.boot;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.conditionalfeed.ops.ErrorResponses;

/**
 * The embedded server's last word on an error nothing else answered, typically a request Tomcat
 * refused before any application code ran ({@code /api/entries/%2f}, {@code %5c}, {@code %00},
 * malformed escapes): a JSON {@code {"error": "…"}} for paths under {@code /api/} and for request
 * lines too broken to tell, Tomcat's short page without report or version for all others. Errors inside the application are answered by
 * its own error page ({@code ops.ErrorServlet}) and never reach this far.
 *
 * <p>Thread-safe, like every valve.
 */
final class ApiErrorReportValve extends ErrorReportValve {

    ApiErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        String uri = request.getRequestURI();
        // A request line Tomcat could not parse (a control character, a target too long) leaves
        // no URI: the request may have been meant for the API, so it gets JSON too.
        boolean unknownTarget = uri == null || uri.isEmpty();
        if (!unknownTarget && !ErrorResponses.isApiPath(uri)) {
            super.report(request, response, throwable);
            return;
        }
        int status = response.getStatus();
        // As the page it replaces: only for an error nothing has written, and reported once.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType(ErrorResponses.JSON_CONTENT_TYPE);
            response.setHeader("Cache-Control", "no-store");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(ErrorResponses.json(ErrorResponses.reason(status) + " (" + status + ")"));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException clientGoneOrCommitted) {
            // Nothing more can be said to this client.
        }
    }
}
