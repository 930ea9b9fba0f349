package org.conditionalfeed.ops;

import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
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

    /**
     * @param templates the precompiled page templates ({@code src/main/jte/ops/home.jte})
     * @param title the channel title
     */
    public RootServlet(TemplateEngine templates, String title) {
        StringOutput page = new StringOutput();
        templates.render("ops/home.jte", title, page);
        this.homePage = page.toString().getBytes(StandardCharsets.UTF_8);
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
