package org.conditionalfeed.admin;

import java.util.List;
import org.conditionalfeed.store.Entry;

/**
 * An entry as the API shows it, times as ISO-8601 UTC strings.
 *
 * @param id database id
 * @param guid permanent globally unique id
 * @param title title
 * @param content HTML content or {@code null}
 * @param link own URL or {@code null}
 * @param author author or {@code null}
 * @param categories category names
 * @param published creation time
 * @param updated last change time
 * @param enclosure id of the medium it names as its enclosure, or {@code null}
 */
record EntryView(long id, String guid, String title, String content, String link, String author,
        List<String> categories, String published, String updated, Long enclosure) {

    static EntryView of(Entry entry) {
        return new EntryView(entry.id(), entry.guid(), entry.title(), entry.content(), entry.link(), entry.author(),
                entry.categories(), entry.published().toString(), entry.updated().toString(),
                entry.enclosure() == null ? null : entry.enclosure().mediaId());
    }
}
