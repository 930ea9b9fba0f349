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
 * @param enclosure id of the medium to name as the enclosure, or {@code null} for none; the
 *     repository checks that it exists
 */
public record EntryDraft(String title, String content, String link, String author, List<String> categories,
        Long enclosure) {

    public EntryDraft {
        categories = List.copyOf(categories);
    }

    /** A draft without an enclosure. */
    public EntryDraft(String title, String content, String link, String author, List<String> categories) {
        this(title, content, link, author, categories, null);
    }

    /** The same draft naming medium {@code mediaId} (or none, for {@code null}) as its enclosure. */
    public EntryDraft withEnclosure(Long mediaId) {
        return new EntryDraft(title, content, link, author, categories, mediaId);
    }
}
