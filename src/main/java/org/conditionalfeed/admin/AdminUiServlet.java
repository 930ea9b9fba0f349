package org.conditionalfeed.admin;

import gg.jte.TemplateEngine;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.conditionalfeed.store.Enclosure;
import org.conditionalfeed.store.Entry;
import org.conditionalfeed.store.EntryRepository;
import org.conditionalfeed.store.UnknownEnclosure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /admin/}: the administrator's web UI: log in, list, write, edit and delete entries;
 * list, upload and delete media ({@link AdminMedia}). Pages come from templates
 * ({@link AdminPages}).
 *
 * <pre>curl -i http://localhost:8080/admin/login</pre>
 *
 * <p>Security: a container session, created only by a successful login (so a stranger's request
 * creates none) and given a new id at every login, cookie {@code HttpOnly} and
 * {@code SameSite=Strict} (and {@code Secure} over HTTPS); a CSRF token checked in constant time
 * on every POST, from the session after login and from a double-submit cookie on the login form
 * ({@link CsrfProtection}; a media upload, whose body is the file, sends it in the
 * {@code X-CSRF-Token} header), and cross-site POSTs refused outright; the same password check and
 * login throttle as the API ({@link AdminAuthenticator}); {@code no-store} and a strict
 * Content-Security-Policy on every page. After each change it redirects (POST, redirect, GET) and
 * shows what happened once.
 *
 * <p>Thread-safe.
 */
public final class AdminUiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AdminUiServlet.class);
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: https:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final String USER = "admin.user";
    private static final String CSRF = "admin.csrf";
    private static final String FLASH = "admin.flash";
    private static final int PAGE_SIZE = 20;

    private final transient EntryRepository entries;
    private final transient AdminAuthenticator authenticator;
    private final transient AdminPages pages;
    private final transient AdminMedia media;
    private final transient AdminReaders readers;
    private final transient CsrfProtection csrf = new CsrfProtection();

    /** @param templates the precompiled page templates */
    public AdminUiServlet(EntryRepository entries, AdminAuthenticator authenticator,
            org.conditionalfeed.assets.AssetRegistry assets, String blogTitle, TemplateEngine templates,
            AdminMedia media, AdminReaders readers) {
        this.entries = entries;
        this.readers = readers;
        this.authenticator = authenticator;
        this.pages = new AdminPages(templates, blogTitle, assets);
        this.media = media;
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
            redirect(request, response, "");
            return;
        }
        boolean post = method.equals("POST");
        if (!post && !method.equals("GET") && !method.equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD, POST");
            page(response, 405, pages.message(context(request), "Not allowed", "Use the links and forms of these pages."));
            return;
        }
        if (post && path.equals("/media/upload")) {
            upload(request, response);
            return;
        }
        FormLimits.Verdict form = post ? FormLimits.check(request, loggedIn(request)) : FormLimits.Verdict.ACCEPT;
        if (form != FormLimits.Verdict.ACCEPT) {
            page(response, form.status(), pages.message(context(request), form.heading(), form.explanation()));
            return;
        }
        if (post && !trustedPost(request, path)) {
            LOG.warn("Refused a forged or expired admin form post to {} from {}", path, request.getRemoteAddr());
            page(response, 403, pages.message(context(request), "Form expired",
                    "This form was too old or did not come from this site. Reload the page and try again."));
            return;
        }
        if (path.equals("/login")) {
            if (post) {
                login(request, response);
            } else if (loggedIn(request)) {
                redirect(request, response, "");
            } else {
                page(response, 200, pages.login(loginContext(request, response), "", null));
            }
            return;
        }
        if (!loggedIn(request)) {
            if (post) {
                page(response, 403, pages.message(context(request), "Logged out", "Log in again to make changes."));
            } else {
                redirect(request, response, "login");
            }
            return;
        }
        route(request, response, path, post);
    }

    private void route(HttpServletRequest request, HttpServletResponse response, String path, boolean post)
            throws IOException {
        if (path.equals("/")) {
            list(request, response);
        } else if (path.equals("/readers") && !post) {
            page(response, 200, pages.render("admin/readers.jte", readers.page(pages.frame(context(request), "Readers"))));
        } else if (path.equals("/media") || path.startsWith("/media/")) {
            media(request, response, path, post);
        } else if (path.equals("/logout") && post) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            redirect(request, response, "login");
        } else if (path.equals("/new")) {
            if (post) {
                save(request, response, Optional.empty());
            } else {
                page(response, 200, pages.form(context(request), "Write an entry", "new", EntryForm.empty(), Map.of(), false,
                        media.formChoices(null)));
            }
        } else if (path.startsWith("/edit/") && id(path).isPresent()) {
            Optional<Entry> entry = entries.find(id(path).get());
            if (entry.isEmpty()) {
                notFound(request, response);
            } else if (post) {
                save(request, response, entry);
            } else {
                page(response, 200, pages.form(context(request), "Edit entry", "edit/" + entry.get().id(),
                        formOf(entry.get()), Map.of(), false, media.formChoices(enclosureOf(entry))));
            }
        } else if (path.startsWith("/delete/") && id(path).isPresent()) {
            Optional<Entry> entry = entries.find(id(path).get());
            if (entry.isEmpty()) {
                notFound(request, response);
            } else if (post) {
                entries.delete(entry.get().id());
                LOG.info("Entry {} deleted from the admin UI", entry.get().id());
                flash(request, "Deleted “" + entry.get().title() + "”.");
                redirect(request, response, "");
            } else {
                page(response, 200, pages.confirmDelete(context(request), entry.get()));
            }
        } else {
            notFound(request, response);
        }
    }

    private void login(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String username = parameter(request, "username");
        AdminAuthenticator.Outcome outcome = authenticator.authenticate(request.getRemoteAddr(), username,
                parameter(request, "password"));
        if (outcome instanceof AdminAuthenticator.Outcome.Accepted) {
            // The one place a session is created. An existing one (a second login) gets a new id.
            if (request.getSession(false) != null) {
                request.changeSessionId();
            }
            HttpSession session = request.getSession(true);
            session.setAttribute(USER, username);
            session.setAttribute(CSRF, csrf.newToken());
            LOG.info("Administrator logged in from {}", request.getRemoteAddr());
            redirect(request, response, "");
        } else if (outcome instanceof AdminAuthenticator.Outcome.Throttled throttled) {
            long seconds = Math.max(1, throttled.retryAfter().toSeconds() + 1);
            response.setHeader("Retry-After", Long.toString(seconds));
            page(response, 429, pages.login(loginContext(request, response), username,
                    "Too many failed attempts. Try again in " + seconds + " second" + (seconds == 1 ? "" : "s") + "."));
        } else {
            page(response, 401, pages.login(loginContext(request, response), username, "Wrong user name or password."));
        }
    }

    /** The media pages: the list, the upload page and deletes; {@code /admin/media} itself redirects. */
    private void media(HttpServletRequest request, HttpServletResponse response, String path, boolean post)
            throws IOException {
        if (path.equals("/media/") && !post) {
            page(response, 200, pages.render("admin/media.jte",
                    media.listPage(pages.frame(context(request), "Media"), pageNumber(request))));
        } else if (path.equals("/media/upload") && !post) {
            page(response, 200, pages.render("admin/upload.jte",
                    media.uploadPage(pages.frame(context(request), "Upload files"))));
        } else if (path.startsWith("/media/delete/") && id(path).isPresent() && post) {
            AdminMedia.Deletion deletion = media.delete(id(path).get());
            if (deletion instanceof AdminMedia.Deletion.Deleted deleted) {
                flash(request, "Deleted “" + deleted.filename() + "”.");
                redirect(request, response, "media/");
            } else if (deletion instanceof AdminMedia.Deletion.InUse inUse) {
                page(response, 409, pages.message(context(request), "Still in use", "“" + inUse.filename()
                        + "” is used by " + inUse.user() + ". Remove it there first, then delete it here.",
                        "media/", "Back to the media"));
            } else {
                page(response, 404, pages.message(context(request), "Not found", "There is no such file.",
                        "media/", "Back to the media"));
            }
        } else if (path.equals("/media")) {
            redirect(request, response, "media/");
        } else {
            notFound(request, response);
        }
    }

    /**
     * A media upload from the upload page's script: the body is the file, so the CSRF token comes
     * in a header and the form limits do not apply; the answer is JSON.
     */
    private void upload(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        Object expected = session == null || session.getAttribute(USER) == null ? null : session.getAttribute(CSRF);
        if (!(expected instanceof String token)) {
            media.refuse(response, 403, "log in again to upload");
        } else if (!csrf.trustedHeader(request, token)) {
            LOG.warn("Refused a forged or expired media upload from {}", request.getRemoteAddr());
            media.refuse(response, 403, "this page is too old or did not come from this site; reload it");
        } else {
            media.upload(request, response);
        }
    }

    private void list(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int page = pageNumber(request);
        List<Entry> found = entries.listHeadlines(PAGE_SIZE + 1, (page - 1) * PAGE_SIZE);
        page(response, 200, pages.list(context(request), found.subList(0, Math.min(PAGE_SIZE, found.size())), page,
                found.size() > PAGE_SIZE));
    }

    private void save(HttpServletRequest request, HttpServletResponse response, Optional<Entry> existing)
            throws IOException {
        List<String> categories = Arrays.stream(parameter(request, "categories").split("\r\n|[\r\n]"))
                .map(String::strip).filter(name -> !name.isEmpty()).toList();
        EntryForm form = new EntryForm(parameter(request, "title"), parameter(request, "content"),
                parameter(request, "link"), parameter(request, "author"), categories);
        Map<String, String> problems = new LinkedHashMap<>(form.problems());
        Long current = enclosureOf(existing);
        EnclosureField enclosure = EnclosureField.parse(request.getParameter("enclosure"), current);
        if (enclosure.problem() != null) {
            problems.put("enclosure", enclosure.problem());
        } else if (enclosure.chosen() != null && !enclosure.chosen().equals(current) && !media.exists(enclosure.chosen())) {
            problems.put("enclosure", EnclosureField.gone(enclosure.chosen()));
        }
        boolean preview = "preview".equals(parameter(request, "action"));
        if (preview || !problems.isEmpty()) {
            // A refused choice shows what the entry has, so saving again changes nothing by mistake.
            formAgain(request, response, existing, form, problems, preview && problems.isEmpty(),
                    problems.containsKey("enclosure") ? current : enclosure.chosen());
            return;
        }
        try {
            if (existing.isPresent()) {
                if (entries.update(existing.get().id(), form.toDraft().withEnclosure(enclosure.chosen())).isEmpty()) {
                    notFound(request, response);
                    return;
                }
                LOG.info("Entry {} updated from the admin UI", existing.get().id());
                flash(request, "Saved “" + form.title().strip() + "”.");
            } else {
                Entry created = entries.create(form.toDraft().withEnclosure(enclosure.chosen()));
                LOG.info("Entry {} created from the admin UI", created.id());
                flash(request, "Published “" + created.title() + "”.");
            }
        } catch (UnknownEnclosure e) {
            LOG.info("Entry form refused: its enclosure, medium {}, is not in the library", e.mediaId());
            problems.put("enclosure", EnclosureField.gone(e.mediaId()));
            formAgain(request, response, existing, form, problems, false, current);
            return;
        }
        redirect(request, response, "");
    }

    /** The form again, {@code 400} with its problems or {@code 200} for a preview, {@code enclosure} selected. */
    private void formAgain(HttpServletRequest request, HttpServletResponse response, Optional<Entry> existing,
            EntryForm form, Map<String, String> problems, boolean preview, Long enclosure) throws IOException {
        String heading = existing.isPresent() ? "Edit entry" : "Write an entry";
        String action = existing.map(entry -> "edit/" + entry.id()).orElse("new");
        page(response, problems.isEmpty() ? 200 : 400, pages.form(context(request), heading, action, form, problems,
                preview, media.formChoices(enclosure)));
    }

    /** The id of the medium an entry names as its enclosure, or {@code null}. */
    private static Long enclosureOf(Optional<Entry> entry) {
        return entry.map(Entry::enclosure).map(Enclosure::mediaId).orElse(null);
    }

    /**
     * A POST is trusted when it is not cross-site and carries the expected CSRF token: the login
     * cookie's for the login form, the session's for every other form.
     */
    private boolean trustedPost(HttpServletRequest request, String path) {
        if (path.equals("/login")) {
            return csrf.trusted(request, csrf.loginCookie(request));
        }
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(CSRF);
        return expected instanceof String token && csrf.trusted(request, token);
    }

    /** What a page needs to know; creates no session. */
    private AdminPages.Context context(HttpServletRequest request) {
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
    private AdminPages.Context loginContext(HttpServletRequest request, HttpServletResponse response) {
        return new AdminPages.Context(request.getContextPath(), csrf.loginToken(request, response), false, null);
    }

    /** Whether {@code request} belongs to the administrator's logged-in session; never creates a session. */
    public static boolean loggedIn(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(USER) != null;
    }

    private void notFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
        page(response, 404, pages.message(context(request), "Not found", "There is no such entry or page."));
    }

    private static void flash(HttpServletRequest request, String message) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.setAttribute(FLASH, message);
        }
    }

    private static void redirect(HttpServletRequest request, HttpServletResponse response, String path) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/admin/" + path);
    }

    private static void page(HttpServletResponse response, int status, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/html; charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The {@code page} parameter, from 1; 1 when absent or malformed. */
    private static int pageNumber(HttpServletRequest request) {
        try {
            return Math.max(1, Math.min(1_000_000, Integer.parseInt(parameter(request, "page"))));
        } catch (NumberFormatException absentOrMalformed) {
            return 1;
        }
    }

    private static String parameter(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null ? "" : value;
    }

    private static Optional<Long> id(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.matches("[1-9][0-9]{0,17}") ? Optional.of(Long.parseLong(last)) : Optional.empty();
    }

    private static EntryForm formOf(Entry entry) {
        return new EntryForm(entry.title(), entry.content() == null ? "" : entry.content(),
                entry.link() == null ? "" : entry.link(), entry.author() == null ? "" : entry.author(), entry.categories());
    }
}
