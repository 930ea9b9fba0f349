package org.conditionalfeed.admin;

import gg.jte.TemplateEngine;
import gg.jte.html.escape.Escape;
import gg.jte.output.StringOutput;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.conditionalfeed.assets.AssetRegistry;
import org.conditionalfeed.store.Entry;

/**
 * Renders the administrator's pages from the JTE templates under {@code src/main/jte/admin/},
 * compiled at build time: each page gets one record, and the templates escape every value by
 * default. One stylesheet and one script, both at versioned URLs; no inline script or style, so
 * the Content-Security-Policy can forbid them.
 *
 * <p>Thread-safe: holds only immutable configuration and the thread-safe template engine.
 */
final class AdminPages {

    private static final DateTimeFormatter READABLE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final TemplateEngine templates;
    private final String blogTitle;
    private final AssetRegistry assets;

    AdminPages(TemplateEngine templates, String blogTitle, AssetRegistry assets) {
        this.templates = templates;
        this.blogTitle = blogTitle;
        this.assets = assets;
    }

    /** Everything a page needs to know about the request it answers. */
    record Context(String contextPath, String csrfToken, boolean loggedIn, String flash) {
    }

    /** What every page's layout shows: its title, the blog's, the assets and the request. */
    record Frame(String title, String blogTitle, String stylesheet, String icon, String script, Context context) {
        String admin(String path) {
            return context.contextPath() + "/admin/" + path;
        }
    }

    record LoginPage(Frame frame, String username, String error) {
    }

    record ListPage(Frame frame, List<Entry> entries, int number, boolean hasNext) {
    }

    record DeletePage(Frame frame, Entry entry) {
    }

    record MessagePage(Frame frame, String message, String backPath, String backText) {
    }

    /** An image of the media library the entry form offers to put into the content. */
    record ImageChoice(String url, int width, int height, String alt, String label) {
    }

    /** A file of the media library the entry form offers as the entry's enclosure. */
    record EnclosureChoice(long id, String label, boolean selected) {
    }

    /**
     * What the entry form offers from the media library.
     *
     * @param images the images to put into the content
     * @param enclosures the files to name as the enclosure, the selected one (if any) among them
     * @param newest how many of the newest files {@code enclosures} lists at most, besides the selected one
     */
    record LibraryChoices(List<ImageChoice> images, List<EnclosureChoice> enclosures, int newest) {
    }

    record FormPage(Frame frame, String action, EntryForm form, Map<String, String> problems, boolean preview,
            LibraryChoices library) {
        int maxContent() {
            return EntryForm.MAX_CONTENT;
        }

        List<ImageChoice> images() {
            return library.images();
        }

        List<EnclosureChoice> enclosures() {
            return library.enclosures();
        }

        /** Whether "None" is the selected enclosure. */
        boolean noEnclosure() {
            return library.enclosures().stream().noneMatch(EnclosureChoice::selected);
        }

        /** The enclosure field's hint, and its problem if it has one. */
        String enclosureDescribedBy() {
            return problems.containsKey("enclosure") ? "enclosure-hint enclosure-error" : "enclosure-hint";
        }

        String problem(String field) {
            return problems.get(field);
        }

        /** {@code "true"} for a field with a problem; {@code null} leaves the attribute out. */
        String invalid(String field) {
            return problems.containsKey(field) ? "true" : null;
        }

        String describedBy(String field) {
            return problems.containsKey(field) ? field + "-error" : null;
        }

        /**
         * The content escaped as an attribute value, for the preview's {@code srcdoc}. JTE writes
         * no user content into {@code srcdoc} (it would be rendered as HTML, which is the point
         * here): the preview frame's empty {@code sandbox} is what keeps that HTML from running
         * anything, so the template writes this, escaped with JTE's own attribute escaping.
         */
        String previewSrcdoc() {
            StringOutput escaped = new StringOutput(form.content().length() + 64);
            Escape.htmlAttribute(form.content(), escaped);
            return escaped.toString();
        }
    }

    /** Human-readable UTC time of the entry list. */
    static String readable(Instant instant) {
        return READABLE.format(instant);
    }

    Frame frame(Context context, String title) {
        return new Frame(title, blogTitle, context.contextPath() + assets.path("admin.css"),
                context.contextPath() + assets.path("favicon.svg"), context.contextPath() + assets.path("admin.js"),
                context);
    }

    String login(Context context, String username, String error) {
        return render("admin/login.jte", new LoginPage(frame(context, "Log in"), username, error));
    }

    String list(Context context, List<Entry> entries, int page, boolean hasNext) {
        return render("admin/list.jte", new ListPage(frame(context, "Entries"), entries, page, hasNext));
    }

    /**
     * The write or edit form, filled with what the user typed, each problem beside its field.
     *
     * @param action the form's target path below {@code /admin/}
     * @param preview whether to show the content's preview
     * @param library the library's images the form offers to insert and files it offers as the enclosure
     */
    String form(Context context, String heading, String action, EntryForm form, Map<String, String> problems,
            boolean preview, LibraryChoices library) {
        return render("admin/form.jte", new FormPage(frame(context, heading), action, form, problems, preview, library));
    }

    String confirmDelete(Context context, Entry entry) {
        return render("admin/delete.jte", new DeletePage(frame(context, "Delete entry"), entry));
    }

    String message(Context context, String heading, String message) {
        return message(context, heading, message, "", "Back to the entries");
    }

    String message(Context context, String heading, String message, String backPath, String backText) {
        return render("admin/message.jte", new MessagePage(frame(context, heading), message, backPath, backText));
    }

    /** Renders a template of the administrator's pages with its one record. */
    String render(String template, Object page) {
        StringOutput output = new StringOutput(4096);
        templates.render(template, page, output);
        return output.toString();
    }
}
