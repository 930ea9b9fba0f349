package org.conditionalfeed.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * HTTP Basic authentication (RFC 7617, UTF-8) in front of the entries API. Anything but the
 * administrator's credentials gets {@code 401} with a {@code WWW-Authenticate} challenge.
 *
 * <p>Thread-safe.
 */
public final class BasicAuthFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final String CHALLENGE = "Basic realm=\"conditional-feed\", charset=\"UTF-8\"";

    private final transient AdminAuthenticator authenticator;
    private final transient JsonResponses json;

    public BasicAuthFilter(AdminAuthenticator authenticator, JsonResponses json) {
        this.authenticator = authenticator;
        this.json = json;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String header = request.getHeader("Authorization");
        if (header == null) {
            refuse(response, "Authentication required");
            return;
        }
        if (header.length() < 6 || !header.substring(0, 6).toLowerCase(Locale.ROOT).equals("basic ")) {
            refuse(response, "Use HTTP Basic authentication");
            return;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            refuse(response, "Malformed Basic credentials");
            return;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            refuse(response, "Malformed Basic credentials");
            return;
        }
        AdminAuthenticator.Outcome outcome = authenticator.authenticate(request.getRemoteAddr(),
                decoded.substring(0, colon), decoded.substring(colon + 1));
        if (outcome instanceof AdminAuthenticator.Outcome.Throttled throttled) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, throttled.retryAfter().toSeconds() + 1)));
            json.error(response, 429, "Too many failed logins; try again later");
        } else if (outcome instanceof AdminAuthenticator.Outcome.Rejected) {
            refuse(response, "Wrong user name or password");
        } else {
            chain.doFilter(request, response);
        }
    }

    private void refuse(HttpServletResponse response, String message) throws IOException {
        response.setHeader("WWW-Authenticate", CHALLENGE);
        json.error(response, HttpServletResponse.SC_UNAUTHORIZED, message);
    }
}
