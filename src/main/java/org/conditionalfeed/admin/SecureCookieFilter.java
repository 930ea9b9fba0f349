package org.conditionalfeed.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Marks every cookie {@code Secure} on a request that came over HTTPS as the application sees
 * it, including through a trusted reverse proxy that terminated TLS and said so in
 * {@code X-Forwarded-Proto}. The container decides the session cookie's {@code Secure} flag from
 * its own connection, which behind such a proxy is plain HTTP; this filter settles it from the
 * request the servlets see, just before the headers can be sent.
 *
 * <p>Thread-safe.
 */
public final class SecureCookieFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final String SET_COOKIE = "Set-Cookie";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!request.isSecure()) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public ServletOutputStream getOutputStream() throws IOException {
                secureCookies(response);
                return super.getOutputStream();
            }

            @Override
            public PrintWriter getWriter() throws IOException {
                secureCookies(response);
                return super.getWriter();
            }

            @Override
            public void flushBuffer() throws IOException {
                secureCookies(response);
                super.flushBuffer();
            }

            @Override
            public void sendError(int status, String message) throws IOException {
                secureCookies(response);
                super.sendError(status, message);
            }

            @Override
            public void sendError(int status) throws IOException {
                secureCookies(response);
                super.sendError(status);
            }

            @Override
            public void sendRedirect(String location) throws IOException {
                secureCookies(response);
                super.sendRedirect(location);
            }
        });
        secureCookies(response);
    }

    /** Adds {@code Secure} to each {@code Set-Cookie} not yet sent that lacks it. */
    static void secureCookies(HttpServletResponse response) {
        if (response.isCommitted()) {
            return;
        }
        List<String> cookies = List.copyOf(response.getHeaders(SET_COOKIE));
        if (cookies.stream().allMatch(SecureCookieFilter::isSecure)) {
            return;
        }
        for (int i = 0; i < cookies.size(); i++) {
            String cookie = cookies.get(i);
            String secured = isSecure(cookie) ? cookie : cookie + "; Secure";
            if (i == 0) {
                response.setHeader(SET_COOKIE, secured);
            } else {
                response.addHeader(SET_COOKIE, secured);
            }
        }
    }

    private static boolean isSecure(String cookie) {
        for (String attribute : cookie.split(";")) {
            if (attribute.strip().toLowerCase(Locale.ROOT).equals("secure")) {
                return true;
            }
        }
        return false;
    }
}
