package org.conditionalfeed.admin;

import static org.conditionalfeed.http.Html.escape;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.conditionalfeed.assets.AssetRegistry;
import org.conditionalfeed.store.Entry;

/**
 * Renders the administrator's pages: server-side HTML, one stylesheet and one script, both at
 * versioned URLs; no inline script or style, so the Content-Security-Policy can forbid them.
 * Every value that came from a user is escaped.
 *
 * <p>Thread-safe: holds only immutable configuration.
 */
final class AdminPages {

    private final String blogTitle;
    private final AssetRegistry assets;

    AdminPages(String blogTitle, AssetRegistry assets) {
        this.blogTitle = blogTitle;
        this.assets = assets;
    }

    /** Everything a page needs to know about the request it answers. */
    record Context(String contextPath, String csrfToken, boolean loggedIn, String flash) {
        String admin(String path) {
            return contextPath + "/admin/" + path;
        }
    }

    String login(Context context, String username, String error) {
        StringBuilder body = new StringBuilder(1024);
        body.append("<h1>Log in</h1>\n");
        if (error != null) {
            body.append("<p class=\"error\" role=\"alert\">").append(escape(error)).append("</p>\n");
        }
        body.append("<form method=\"post\" action=\"").append(escape(context.admin("login"))).append("\" class=\"card\">\n")
                .append(csrf(context))
                .append("<label for=\"username\">User name</label>\n")
                .append("<input id=\"username\" name=\"username\" autocomplete=\"username\" required value=\"")
                .append(escape(username)).append("\">\n")
                .append("<label for=\"password\">Password</label>\n")
                .append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>\n")
                .append("<button type=\"submit\">Log in</button>\n</form>\n");
        return layout(context, "Log in", body);
    }

    String list(Context context, List<Entry> entries, int page, boolean hasNext) {
        StringBuilder body = new StringBuilder(4096);
        body.append("<h1>Entries</h1>\n<p><a class=\"button\" href=\"").append(escape(context.admin("new")))
                .append("\">Write a new entry</a></p>\n");
        if (entries.isEmpty()) {
            body.append("<p>No entries").append(page > 1 ? " on this page" : " yet").append(".</p>\n");
        } else {
            body.append("<table>\n<thead><tr><th scope=\"col\">Title</th><th scope=\"col\">Published</th>")
                    .append("<th scope=\"col\">Updated</th><th scope=\"col\">Actions</th></tr></thead>\n<tbody>\n");
            for (Entry entry : entries) {
                body.append("<tr><td data-label=\"Title\"><a href=\"").append(escape(context.admin("edit/" + entry.id())))
                        .append("\">").append(escape(entry.title())).append("</a></td>")
                        .append("<td data-label=\"Published\">").append(time(entry.published())).append("</td>")
                        .append("<td data-label=\"Updated\">").append(time(entry.updated())).append("</td><td>")
                        .append("<a href=\"").append(escape(context.admin("edit/" + entry.id()))).append("\">Edit</a> ")
                        .append("<a href=\"").append(escape(context.admin("delete/" + entry.id())))
                        .append("\">Delete</a></td></tr>\n");
            }
            body.append("</tbody>\n</table>\n");
        }
        body.append("<nav class=\"pages\" aria-label=\"Pages\">");
        if (page > 1) {
            body.append("<a href=\"").append(escape(context.admin("?page=" + (page - 1)))).append("\">Newer</a> ");
        }
        if (hasNext) {
            body.append("<a href=\"").append(escape(context.admin("?page=" + (page + 1)))).append("\">Older</a>");
        }
        body.append("</nav>\n");
        return layout(context, "Entries", body);
    }

    /**
     * The write or edit form, filled with what the user typed, each problem beside its field.
     *
     * @param action the form's target path below {@code /admin/}
     * @param preview whether to show the content's preview
     */
    String form(Context context, String heading, String action, EntryForm form, Map<String, String> problems,
            boolean preview) {
        StringBuilder body = new StringBuilder(4096);
        body.append("<h1>").append(escape(heading)).append("</h1>\n");
        if (!problems.isEmpty()) {
            body.append("<p class=\"error\" role=\"alert\">Please correct the marked fields.</p>\n");
        }
        // Multipart: the content travels as its UTF-8 bytes, so every entry the API accepts fits.
        body.append("<form method=\"post\" action=\"").append(escape(context.admin(action)))
                .append("\" enctype=\"multipart/form-data\" class=\"card\" novalidate data-max-content=\"")
                .append(EntryForm.MAX_CONTENT).append("\">\n").append(csrf(context));
        field(body, "title", "Title", "<input id=\"title\" name=\"title\" required maxlength=\"1000\"", form.title(), problems);
        field(body, "link", "Link (optional, absolute http(s) URL)", "<input id=\"link\" name=\"link\" type=\"url\"",
                form.link(), problems);
        field(body, "author", "Author (optional)", "<input id=\"author\" name=\"author\" maxlength=\"200\"", form.author(),
                problems);
        field(body, "categories", "Categories (one per line)",
                "<textarea id=\"categories\" name=\"categories\" rows=\"3\"", String.join("\n", form.categories()),
                problems);
        field(body, "content", "Content (HTML)", "<textarea id=\"content\" name=\"content\" rows=\"12\"", form.content(),
                problems);
        body.append("<div class=\"actions\"><button type=\"submit\" name=\"action\" value=\"save\">Save</button>\n")
                .append("<button type=\"submit\" name=\"action\" value=\"preview\" class=\"secondary\">Preview</button>\n")
                .append("<a href=\"").append(escape(context.admin(""))).append("\">Cancel</a></div>\n</form>\n");
        if (preview) {
            body.append("<section aria-labelledby=\"preview-heading\"><h2 id=\"preview-heading\">Preview</h2>\n")
                    .append("<iframe class=\"preview\" sandbox=\"\" title=\"Preview of the content\" srcdoc=\"")
                    .append(escape(form.content())).append("\"></iframe></section>\n");
        }
        return layout(context, heading, body);
    }

    String confirmDelete(Context context, Entry entry) {
        StringBuilder body = new StringBuilder(1024);
        body.append("<h1>Delete this entry?</h1>\n<p>“").append(escape(entry.title()))
                .append("” will be removed from the feed. This cannot be undone.</p>\n")
                .append("<form method=\"post\" action=\"").append(escape(context.admin("delete/" + entry.id())))
                .append("\" class=\"actions\">\n").append(csrf(context))
                .append("<button type=\"submit\" class=\"danger\">Delete</button>\n")
                .append("<a href=\"").append(escape(context.admin(""))).append("\">Cancel</a>\n</form>\n");
        return layout(context, "Delete entry", body);
    }

    String message(Context context, String heading, String message) {
        StringBuilder body = new StringBuilder(512);
        body.append("<h1>").append(escape(heading)).append("</h1>\n<p>").append(escape(message))
                .append("</p>\n<p><a href=\"").append(escape(context.admin(""))).append("\">Back to the entries</a></p>\n");
        return layout(context, heading, body);
    }

    private static void field(StringBuilder body, String name, String label, String openTag, String value,
            Map<String, String> problems) {
        String problem = problems.get(name);
        body.append("<div class=\"field\"><label for=\"").append(name).append("\">").append(escape(label))
                .append("</label>\n").append(openTag);
        if (problem != null) {
            body.append(" aria-invalid=\"true\" aria-describedby=\"").append(name).append("-error\"");
        }
        if (openTag.startsWith("<textarea")) {
            // A browser drops one line break right after <textarea>: this one, not the value's own.
            body.append(">\n").append(escape(value)).append("</textarea>\n");
        } else {
            body.append(" value=\"").append(escape(value)).append("\">\n");
        }
        if (problem != null) {
            body.append("<p class=\"error\" id=\"").append(name).append("-error\">").append(escape(problem)).append("</p>\n");
        }
        body.append("</div>\n");
    }

    private static final DateTimeFormatter READABLE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static String time(Instant instant) {
        return "<time datetime=\"" + instant + "\">" + READABLE.format(instant) + "</time>";
    }

    private static String csrf(Context context) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(context.csrfToken()) + "\">\n";
    }

    private String layout(Context context, String title, CharSequence content) {
        StringBuilder page = new StringBuilder(content.length() + 1536);
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(escape(title)).append(" · ").append(escape(blogTitle)).append(" admin</title>\n")
                .append("<link rel=\"stylesheet\" href=\"").append(escape(context.contextPath() + assets.path("admin.css")))
                .append("\">\n<link rel=\"icon\" type=\"image/svg+xml\" href=\"")
                .append(escape(context.contextPath() + assets.path("favicon.svg")))
                .append("\">\n<script src=\"").append(escape(context.contextPath() + assets.path("admin.js")))
                .append("\" defer></script>\n</head>\n<body>\n<header><a class=\"brand\" href=\"")
                .append(escape(context.admin(""))).append("\">").append(escape(blogTitle)).append("</a>\n");
        if (context.loggedIn()) {
            page.append("<nav><a href=\"").append(escape(context.admin("new"))).append("\">Write</a>\n")
                    .append("<a href=\"").append(escape(context.contextPath() + "/feed.xml")).append("\">Feed</a>\n")
                    .append("<form method=\"post\" action=\"").append(escape(context.admin("logout"))).append("\">")
                    .append(csrf(context)).append("<button type=\"submit\" class=\"link\">Log out</button></form></nav>\n");
        }
        page.append("</header>\n<main>\n");
        if (context.flash() != null) {
            page.append("<p class=\"flash\" role=\"status\">").append(escape(context.flash())).append("</p>\n");
        }
        return page.append(content).append("</main>\n</body>\n</html>\n").toString();
    }
}
