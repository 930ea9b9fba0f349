package org.conditionalfeed.admin;

import static org.conditionalfeed.admin.AdminRequests.parameter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
 * The entries in the administrator's pages: the list, newest first, a page at a time; the write
 * and edit form, checked when saved ({@link EntryForm}; its enclosure, {@link EnclosureField},
 * must be a file of the media library, {@link AdminMedia}) and shown again with each problem
 * beside its field, or with a preview of the content; and deletes, after a page that asks first.
 * After each change it redirects to the list, which shows what happened once.
 *
 * <p>Thread-safe.
 */
final class AdminEntries {

    /** The admin UI's one logger, so its lines keep the name an operator knows. */
    private static final Logger LOG = LoggerFactory.getLogger(AdminUiServlet.class);
    private static final int PAGE_SIZE = 20;

    private final EntryRepository entries;
    private final AdminMedia media;
    private final AdminPages pages;
    private final AdminSession session;
    private final AdminResponses respond;

    AdminEntries(EntryRepository entries, AdminMedia media, AdminPages pages, AdminSession session,
            AdminResponses respond) {
        this.entries = entries;
        this.media = media;
        this.pages = pages;
        this.session = session;
        this.respond = respond;
    }

    /** The list page of the {@code page} parameter. */
    void list(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int page = AdminRequests.pageNumber(request);
        List<Entry> found = entries.listHeadlines(PAGE_SIZE + 1, (page - 1) * PAGE_SIZE);
        respond.page(response, 200, pages.list(session.context(request),
                found.subList(0, Math.min(PAGE_SIZE, found.size())), page, found.size() > PAGE_SIZE));
    }

    /** {@code /admin/new}: the empty form, or a new entry saved. */
    void write(HttpServletRequest request, HttpServletResponse response, boolean post) throws IOException {
        if (post) {
            save(request, response, Optional.empty());
        } else {
            form(request, response, Optional.empty(), EntryForm.empty(), Map.of(), false, null);
        }
    }

    /** {@code /admin/edit/{id}}: the form filled with the entry, or the entry saved. */
    void edit(HttpServletRequest request, HttpServletResponse response, long id, boolean post) throws IOException {
        Optional<Entry> entry = entries.find(id);
        if (entry.isEmpty()) {
            respond.notFound(request, response);
        } else if (post) {
            save(request, response, entry);
        } else {
            form(request, response, entry, formOf(entry.get()), Map.of(), false, enclosureOf(entry));
        }
    }

    /** {@code /admin/delete/{id}}: the page that asks first, or the entry deleted. */
    void delete(HttpServletRequest request, HttpServletResponse response, long id, boolean post) throws IOException {
        Optional<Entry> entry = entries.find(id);
        if (entry.isEmpty()) {
            respond.notFound(request, response);
        } else if (post) {
            entries.delete(entry.get().id());
            LOG.info("Entry {} deleted from the admin UI", entry.get().id());
            session.flash(request, "Deleted “" + entry.get().title() + "”.");
            respond.redirect(request, response, "");
        } else {
            respond.page(response, 200, pages.confirmDelete(session.context(request), entry.get()));
        }
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
            form(request, response, existing, form, problems, preview && problems.isEmpty(),
                    problems.containsKey("enclosure") ? current : enclosure.chosen());
            return;
        }
        try {
            if (existing.isPresent()) {
                if (entries.update(existing.get().id(), form.toDraft().withEnclosure(enclosure.chosen())).isEmpty()) {
                    respond.notFound(request, response);
                    return;
                }
                LOG.info("Entry {} updated from the admin UI", existing.get().id());
                session.flash(request, "Saved “" + form.title().strip() + "”.");
            } else {
                Entry created = entries.create(form.toDraft().withEnclosure(enclosure.chosen()));
                LOG.info("Entry {} created from the admin UI", created.id());
                session.flash(request, "Published “" + created.title() + "”.");
            }
        } catch (UnknownEnclosure e) {
            LOG.info("Entry form refused: its enclosure, medium {}, is not in the library", e.mediaId());
            problems.put("enclosure", EnclosureField.gone(e.mediaId()));
            form(request, response, existing, form, problems, false, current);
            return;
        }
        respond.redirect(request, response, "");
    }

    /**
     * The write or edit form of {@code existing}, {@code 400} with its problems, else {@code 200}
     * (with a preview if asked for), {@code enclosure} selected.
     */
    private void form(HttpServletRequest request, HttpServletResponse response, Optional<Entry> existing,
            EntryForm form, Map<String, String> problems, boolean preview, Long enclosure) throws IOException {
        String heading = existing.isPresent() ? "Edit entry" : "Write an entry";
        String action = existing.map(entry -> "edit/" + entry.id()).orElse("new");
        respond.page(response, problems.isEmpty() ? 200 : 400, pages.form(session.context(request), heading, action,
                form, problems, preview, media.formChoices(enclosure)));
    }

    /** The id of the medium an entry names as its enclosure, or {@code null}. */
    private static Long enclosureOf(Optional<Entry> entry) {
        return entry.map(Entry::enclosure).map(Enclosure::mediaId).orElse(null);
    }

    private static EntryForm formOf(Entry entry) {
        return new EntryForm(entry.title(), entry.content() == null ? "" : entry.content(),
                entry.link() == null ? "" : entry.link(), entry.author() == null ? "" : entry.author(), entry.categories());
    }
}
