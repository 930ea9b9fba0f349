package org.conditionalfeed.store;

import java.util.List;

/**
 * The writable fields of an entry, already validated by the caller.
 *
 * @param title non-blank title
 * @param content HTML content, or {@code null}
 * @param link absolute http(s) URL, or {@code null}
 * @param author author name, or {@code null}
 * @param categories category names without line breaks, possibly empty
 */
public record EntryDraft(String title, String content, String link, String author, List<String> categories) {

    public EntryDraft {
        categories = List.copyOf(categories);
    }
}
