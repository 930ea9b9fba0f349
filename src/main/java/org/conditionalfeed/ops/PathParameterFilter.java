package org.conditionalfeed.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses every request whose path carries a path parameter ({@code ;} anywhere in the request
 * URI's path, e.g. {@code /api/entries/1;DROP}) with {@code 400}: the container strips such
 * parameters before mapping, so without this {@code /api/entries/1;DROP} would act on entry 1.
 * This application never writes such URLs (sessions are tracked by cookie only), so nothing
 * legitimate is lost.
 *
 * <p>Thread-safe.
 */
public final class PathParameterFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getRequestURI().indexOf(';') >= 0) {
            ErrorResponses.send(request, response, HttpServletResponse.SC_BAD_REQUEST,
                    "path parameters (';' in the path) are not accepted");
            return;
        }
        chain.doFilter(request, response);
    }
}
