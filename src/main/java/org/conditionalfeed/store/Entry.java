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
 */
public record Entry(long id, String guid, String title, String content, String link, String author,
        List<String> categories, Instant published, Instant updated, long revision) {

    public Entry {
        categories = List.copyOf(categories);
    }
}
