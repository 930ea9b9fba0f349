package org.conditionalfeed.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;

/**
 * The administrator's session in the web UI: who is logged in, the CSRF token every form post
 * must carry, and the message a page shows once after a change.
 *
 * <p>A container session is created only by a successful login (so a stranger's request creates
 * none) and given a new id at every login; its cookie is {@code HttpOnly} and
 * {@code SameSite=Strict} (and {@code Secure} over HTTPS). A CSRF token is checked in constant
 * time on every POST, from the session after login and from a double-submit cookie on the login
 * form ({@link CsrfProtection}; a media upload, whose body is the file, sends it in the
 * {@code X-CSRF-Token} header), and cross-site POSTs are refused outright. Nothing here creates a
 * session but {@link #logIn}.
 *
 * <p>Thread-safe.
 */
final class AdminSession {

    private static final String USER = "admin.user";
    private static final String CSRF = "admin.csrf";
    private static final String FLASH = "admin.flash";

    private final CsrfProtection csrf = new CsrfProtection();

    /** Whether {@code request} belongs to the administrator's logged-in session; never creates a session. */
    static boolean loggedIn(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(USER) != null;
    }

    /** Starts the session of {@code username}, who has just given the right password. */
    void logIn(HttpServletRequest request, String username) {
        // The one place a session is created. An existing one (a second login) gets a new id.
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        HttpSession session = request.getSession(true);
        session.setAttribute(USER, username);
        session.setAttribute(CSRF, csrf.newToken());
    }

    void logOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    /**
     * A POST is trusted when it is not cross-site and carries the expected CSRF token: the login
     * cookie's for the login form, the session's for every other form.
     */
    boolean trustedPost(HttpServletRequest request, String path) {
        if (path.equals("/login")) {
            return csrf.trusted(request, csrf.loginCookie(request));
        }
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(CSRF);
        return expected instanceof String token && csrf.trusted(request, token);
    }

    /** The CSRF token of the administrator's logged-in session; empty when not logged in. */
    Optional<String> token(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object expected = session == null || session.getAttribute(USER) == null ? null : session.getAttribute(CSRF);
        return expected instanceof String token ? Optional.of(token) : Optional.empty();
    }

    /** Whether a post whose body is not a form is not cross-site and carries {@code token} in its header. */
    boolean trustedHeader(HttpServletRequest request, String token) {
        return csrf.trustedHeader(request, token);
    }

    /** What a page needs to know; takes the message to show once; creates no session. */
    AdminPages.Context context(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || session.getAttribute(USER) == null) {
            return new AdminPages.Context(request.getContextPath(), "", false, null);
        }
        Object flash = session.getAttribute(FLASH);
        if (flash != null) {
            session.removeAttribute(FLASH);
        }
        return new AdminPages.Context(request.getContextPath(), (String) session.getAttribute(CSRF), true,
                flash == null ? null : flash.toString());
    }

    /** The login form's context: its token comes from (or goes into) the login cookie. */
    AdminPages.Context loginContext(HttpServletRequest request, HttpServletResponse response) {
        return new AdminPages.Context(request.getContextPath(), csrf.loginToken(request, response), false, null);
    }

    /** Keeps {@code message} for the next page of the session to show once. */
    void flash(HttpServletRequest request, String message) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.setAttribute(FLASH, message);
        }
    }
}
