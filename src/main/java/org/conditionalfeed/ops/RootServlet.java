package org.conditionalfeed.ops;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Every path nothing else serves: {@code 404} (as JSON under {@code /api/}). The home page
 * {@code /} is the feed package's ({@code FeedServlet}, mapped to the context root).
 *
 * <p>Thread-safe.
 */
public final class RootServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ErrorResponses.send(request, response, HttpServletResponse.SC_NOT_FOUND, "Not found");
    }
}
