package org.conditionalfeed.admin;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Cross-site request forgery protection for the admin forms.
 *
 * <p>Every form post must not be cross-site ({@code Sec-Fetch-Site}, {@code Origin}) and must
 * carry a token equal, compared in constant time, to one the browser holds. After login the
 * token lives in the session. Before login there is no session (a stranger's request must not
 * cost the server memory for half an hour), so the login form uses a double-submit cookie: a
 * random token in a {@code HttpOnly}, {@code SameSite=Strict} cookie scoped to {@code /admin}
 * and the same value in a hidden field. A forged post from another site can neither read the
 * cookie nor make the browser send it, and browsers refuse the post on its {@code Origin} first.
 * A signed (HMAC) token would do as well, but would need a secret shared by every instance
 * behind a load balancer; the cookie needs none.
 *
 * <p>Thread-safe.
 */
final class CsrfProtection {

    static final String LOGIN_COOKIE = "feed_admin_csrf";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final SecureRandom random = new SecureRandom();

    /** A fresh random token: 32 bytes, base64url. */
    String newToken() {
        byte[] token = new byte[32];
        random.nextBytes(token);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /**
     * The login form's token: the one in the browser's login cookie, or a new one that the
     * response sets in that cookie.
     */
    String loginToken(HttpServletRequest request, HttpServletResponse response) {
        String existing = loginCookie(request);
        if (existing != null) {
            return existing;
        }
        String token = newToken();
        Cookie cookie = new Cookie(LOGIN_COOKIE, token);
        cookie.setPath(request.getContextPath() + "/admin");
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setAttribute("SameSite", "Strict");
        response.addCookie(cookie);
        return token;
    }

    /** The well-formed token of the login cookie, or {@code null}. */
    String loginCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(LOGIN_COOKIE) && TOKEN.matcher(cookie.getValue()).matches()) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /** Whether a form post is same-site and carries {@code expected} in its {@code csrf} field. */
    boolean trusted(HttpServletRequest request, String expected) {
        if (!sameOrigin(request)) {
            return false;
        }
        return matches(expected, request.getParameter("csrf"));
    }

    /**
     * Whether a request whose body is not a form (a media upload) is same-site and carries
     * {@code expected} in its {@code X-CSRF-Token} header. A cross-site page cannot set that
     * header without a CORS preflight, which this site never grants.
     */
    boolean trustedHeader(HttpServletRequest request, String expected) {
        return sameOrigin(request) && matches(expected, request.getHeader("X-CSRF-Token"));
    }

    private static boolean matches(String expected, String sent) {
        return expected != null && sent != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean sameOrigin(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && fetchSite.toLowerCase(Locale.ROOT).equals("cross-site")) {
            return false;
        }
        String origin = request.getHeader("Origin");
        return origin == null || origin.equals("null") || origin.equalsIgnoreCase(ownOrigin(request));
    }

    private static String ownOrigin(HttpServletRequest request) {
        int port = request.getServerPort();
        boolean defaultPort = (request.getScheme().equals("http") && port == 80)
                || (request.getScheme().equals("https") && port == 443);
        return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }
}
