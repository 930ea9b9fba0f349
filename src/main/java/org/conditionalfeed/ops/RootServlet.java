package org.conditionalfeed.ops;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.conditionalfeed.http.PlainTextErrors;

/**
 * {@code /}: a small page that points to the feed; every path nothing else serves: {@code 404}
 * (as JSON under {@code /api/}).
 *
 * <p>Thread-safe.
 */
public final class RootServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final byte[] homePage;

    /** @param escapedTitle the channel title, already HTML-escaped */
    public RootServlet(String escapedTitle) {
        this.homePage = ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escapedTitle
                + "</title>\n<link rel=\"alternate\" type=\"application/rss+xml\" title=\"" + escapedTitle
                + "\" href=\"feed.xml\">\n</head>\n<body>\n<h1>" + escapedTitle
                + "</h1>\n<p><a href=\"feed.xml\">RSS feed</a></p>\n<p><a href=\"admin/\">Administration</a></p>\n"
                + "</body>\n</html>\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!path.equals("/") && !path.isEmpty()) {
            ErrorResponses.send(request, response, HttpServletResponse.SC_NOT_FOUND, "Not found");
        } else if (!PlainTextErrors.refuseUnlessGetOrHead(request, response)) {
            response.setContentType("text/html; charset=UTF-8");
            response.setHeader("Cache-Control", "no-cache");
            response.setContentLength(homePage.length);
            if (request.getMethod().equals("GET")) {
                response.getOutputStream().write(homePage);
            }
        }
    }
}
