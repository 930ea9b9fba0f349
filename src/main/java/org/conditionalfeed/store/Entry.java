package org.conditionalfeed.store;

import java.time.Instant;
import java.util.List;

/**
 * A stored blog entry.
 *
 * @param id database id
 * @param guid globally unique id, fixed for the entry's life
 * @param title title, never blank
 * @param content HTML content, or {@code null}
 * @param link the entry's own absolute URL, or {@code null} to use the app's entry page
 * @param author author name, or {@code null}
 * @param categories category names, possibly empty
 * @param published when it was created, whole seconds UTC
 * @param updated when it last changed, whole seconds UTC
 * @param revision the feed revision of its last change
 * @param enclosure the medium it names as its enclosure, or {@code null}
 */
public record Entry(long id, String guid, String title, String content, String link, String author,
        List<String> categories, Instant published, Instant updated, long revision, Enclosure enclosure) {

    public Entry {
        categories = List.copyOf(categories);
    }

    /** An entry without an enclosure. */
    public Entry(long id, String guid, String title, String content, String link, String author,
            List<String> categories, Instant published, Instant updated, long revision) {
        this(id, guid, title, content, link, author, categories, published, updated, revision, null);
    }

    /** The same entry with another content (an excerpt of it, say). */
    public Entry withContent(String otherContent) {
        return new Entry(id, guid, title, otherContent, link, author, categories, published, updated, revision,
                enclosure);
    }
}
