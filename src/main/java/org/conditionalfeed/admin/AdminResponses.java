package org.conditionalfeed.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * How the administrator's pages answer: a rendered page with its status, a {@code 303} redirect
 * to another page below {@code /admin/} (after each change: POST, redirect, GET), and the
 * not-found page.
 *
 * <p>Thread-safe.
 */
final class AdminResponses {

    private final AdminPages pages;
    private final AdminSession session;

    AdminResponses(AdminPages pages, AdminSession session) {
        this.pages = pages;
        this.session = session;
    }

    void page(HttpServletResponse response, int status, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/html; charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Redirects to {@code path} below {@code /admin/}. */
    void redirect(HttpServletRequest request, HttpServletResponse response, String path) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/admin/" + path);
    }

    void notFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
        page(response, 404, pages.message(session.context(request), "Not found", "There is no such entry or page."));
    }
}
