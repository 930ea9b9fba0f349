package org.conditionalfeed.admin;

import static org.conditionalfeed.admin.AdminRequests.id;
import static org.conditionalfeed.admin.AdminRequests.parameter;

import gg.jte.TemplateEngine;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.conditionalfeed.assets.AssetRegistry;
import org.conditionalfeed.store.EntryRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /admin/}: the administrator's web UI: log in, list, write, edit and delete entries
 * ({@link AdminEntries}); list, upload and delete media ({@link AdminMedia}); the reader report
 * ({@link AdminReaders}). Pages come from templates ({@link AdminPages}).
 *
 * <pre>curl -i http://localhost:8080/admin/login</pre>
 *
 * <p>Security: the session and the CSRF checks of {@link AdminSession}, applied here to every
 * POST after the form limits ({@link FormLimits}); the same password check and login throttle as
 * the API ({@link AdminAuthenticator}); {@code no-store} and a strict Content-Security-Policy on
 * every page. After each change it redirects (POST, redirect, GET) and shows what happened once.
 *
 * <p>Thread-safe.
 */
public final class AdminUiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AdminUiServlet.class);
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: https:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final transient AdminAuthenticator authenticator;
    private final transient AdminPages pages;
    private final transient AdminMedia media;
    private final transient AdminReaders readers;
    private final transient AdminSession session = new AdminSession();
    private final transient AdminResponses respond;
    private final transient AdminEntries entries;

    /** @param templates the precompiled page templates */
    public AdminUiServlet(EntryRepository entries, AdminAuthenticator authenticator, AssetRegistry assets,
            String blogTitle, TemplateEngine templates, AdminMedia media, AdminReaders readers) {
        this.readers = readers;
        this.authenticator = authenticator;
        this.pages = new AdminPages(templates, blogTitle, assets);
        this.media = media;
        this.respond = new AdminResponses(pages, session);
        this.entries = new AdminEntries(entries, media, pages, session, respond);
    }

    /** Whether {@code request} belongs to the administrator's logged-in session; never creates a session. */
    public static boolean loggedIn(HttpServletRequest request) {
        return AdminSession.loggedIn(request);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String method = request.getMethod();
        if (path.isEmpty()) {
            respond.redirect(request, response, "");
            return;
        }
        boolean post = method.equals("POST");
        if (!post && !method.equals("GET") && !method.equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD, POST");
            respond.page(response, 405, pages.message(session.context(request), "Not allowed",
                    "Use the links and forms of these pages."));
            return;
        }
        if (post && path.equals("/media/upload")) {
            upload(request, response);
            return;
        }
        FormLimits.Verdict form = post ? FormLimits.check(request, loggedIn(request)) : FormLimits.Verdict.ACCEPT;
        if (form != FormLimits.Verdict.ACCEPT) {
            respond.page(response, form.status(), pages.message(session.context(request), form.heading(),
                    form.explanation()));
            return;
        }
        if (post && !session.trustedPost(request, path)) {
            LOG.warn("Refused a forged or expired admin form post to {} from {}", path, request.getRemoteAddr());
            respond.page(response, 403, pages.message(session.context(request), "Form expired",
                    "This form was too old or did not come from this site. Reload the page and try again."));
            return;
        }
        if (path.equals("/login")) {
            if (post) {
                login(request, response);
            } else if (loggedIn(request)) {
                respond.redirect(request, response, "");
            } else {
                respond.page(response, 200, pages.login(session.loginContext(request, response), "", null));
            }
            return;
        }
        if (!loggedIn(request)) {
            if (post) {
                respond.page(response, 403, pages.message(session.context(request), "Logged out",
                        "Log in again to make changes."));
            } else {
                respond.redirect(request, response, "login");
            }
            return;
        }
        route(request, response, path, post);
    }

    private void route(HttpServletRequest request, HttpServletResponse response, String path, boolean post)
            throws IOException {
        if (path.equals("/")) {
            entries.list(request, response);
        } else if (path.equals("/readers") && !post) {
            respond.page(response, 200, pages.render("admin/readers.jte",
                    readers.page(pages.frame(session.context(request), "Readers"))));
        } else if (path.equals("/media") || path.startsWith("/media/")) {
            media(request, response, path, post);
        } else if (path.equals("/logout") && post) {
            session.logOut(request);
            respond.redirect(request, response, "login");
        } else if (path.equals("/new")) {
            entries.write(request, response, post);
        } else if (path.startsWith("/edit/") && id(path).isPresent()) {
            entries.edit(request, response, id(path).get(), post);
        } else if (path.startsWith("/delete/") && id(path).isPresent()) {
            entries.delete(request, response, id(path).get(), post);
        } else {
            respond.notFound(request, response);
        }
    }

    private void login(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String username = parameter(request, "username");
        AdminAuthenticator.Outcome outcome = authenticator.authenticate(request.getRemoteAddr(), username,
                parameter(request, "password"));
        if (outcome instanceof AdminAuthenticator.Outcome.Accepted) {
            session.logIn(request, username);
            LOG.info("Administrator logged in from {}", request.getRemoteAddr());
            respond.redirect(request, response, "");
        } else if (outcome instanceof AdminAuthenticator.Outcome.Throttled throttled) {
            long seconds = Math.max(1, throttled.retryAfter().toSeconds() + 1);
            response.setHeader("Retry-After", Long.toString(seconds));
            respond.page(response, 429, pages.login(session.loginContext(request, response), username,
                    "Too many failed attempts. Try again in " + seconds + " second" + (seconds == 1 ? "" : "s") + "."));
        } else {
            respond.page(response, 401, pages.login(session.loginContext(request, response), username,
                    "Wrong user name or password."));
        }
    }

    /** The media pages: the list, the upload page and deletes; {@code /admin/media} itself redirects. */
    private void media(HttpServletRequest request, HttpServletResponse response, String path, boolean post)
            throws IOException {
        if (path.equals("/media/") && !post) {
            respond.page(response, 200, pages.render("admin/media.jte",
                    media.listPage(pages.frame(session.context(request), "Media"), AdminRequests.pageNumber(request))));
        } else if (path.equals("/media/upload") && !post) {
            respond.page(response, 200, pages.render("admin/upload.jte",
                    media.uploadPage(pages.frame(session.context(request), "Upload files"))));
        } else if (path.startsWith("/media/delete/") && id(path).isPresent() && post) {
            AdminMedia.Deletion deletion = media.delete(id(path).get());
            if (deletion instanceof AdminMedia.Deletion.Deleted deleted) {
                session.flash(request, "Deleted “" + deleted.filename() + "”.");
                respond.redirect(request, response, "media/");
            } else if (deletion instanceof AdminMedia.Deletion.InUse inUse) {
                respond.page(response, 409, pages.message(session.context(request), "Still in use", "“"
                        + inUse.filename() + "” is used by " + inUse.user()
                        + ". Remove it there first, then delete it here.", "media/", "Back to the media"));
            } else {
                respond.page(response, 404, pages.message(session.context(request), "Not found",
                        "There is no such file.", "media/", "Back to the media"));
            }
        } else if (path.equals("/media")) {
            respond.redirect(request, response, "media/");
        } else {
            respond.notFound(request, response);
        }
    }

    /**
     * A media upload from the upload page's script: the body is the file, so the CSRF token comes
     * in a header and the form limits do not apply; the answer is JSON.
     */
    private void upload(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> token = session.token(request);
        if (token.isEmpty()) {
            media.refuse(response, 403, "log in again to upload");
        } else if (!session.trustedHeader(request, token.get())) {
            LOG.warn("Refused a forged or expired media upload from {}", request.getRemoteAddr());
            media.refuse(response, 403, "this page is too old or did not come from this site; reload it");
        } else {
            media.upload(request, response);
        }
    }
}
