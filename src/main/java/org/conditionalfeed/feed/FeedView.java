package org.conditionalfeed.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.conditionalfeed.store.Entry;
import org.conditionalfeed.store.EntryExcerpt;

/**
 * What one feed shows, whatever its format: the channel, which feed it is, and its entries as
 * readers get them, newest first. Each entry's content is bounded ({@link ItemBodies}) and then
 * sanitized for readers ({@link ContentSanitizer}): no script, event handler, frame, form,
 * {@code meta} or {@code base}, relative URLs made absolute. The stored content is untouched, so
 * a better policy later improves old entries too.
 *
 * @param channel the settings that shape every feed
 * @param key which feed
 * @param entries the entries shown, newest first, their content ready for readers
 */
record FeedView(FeedChannel channel, FeedKey key, List<Entry> entries) {

    FeedView {
        entries = List.copyOf(entries);
    }

    /** The view of {@code key} over these excerpts, as read from the store. */
    static FeedView of(FeedChannel channel, FeedKey key, List<EntryExcerpt> excerpts) {
        List<Entry> bounded = ItemBodies.bounded(channel, excerpts);
        List<Entry> shown = new ArrayList<>(bounded.size());
        for (Entry entry : bounded) {
            shown.add(entry.content() == null ? entry
                    : entry.withContent(ContentSanitizer.sanitize(entry.content(), channel.baseUrl())));
        }
        return new FeedView(channel, key, shown);
    }

    /** The feed's title: the blog's, with the category after it for a category's feed. */
    String title() {
        return key.category() == null ? channel.title() : channel.title() + " \u2013 " + key.category();
    }

    String description() {
        return key.category() == null ? channel.description()
                : "Entries in the category \u201c" + key.category() + "\u201d. " + channel.description();
    }

    /** The absolute URL of this feed. */
    String selfUrl() {
        return channel.baseUrl() + key.path();
    }

    /** The absolute URL of the HTML page this feed belongs to. */
    String homeUrl() {
        return channel.baseUrl() + "/";
    }

    /** The URL readers follow for an entry: its own link, or its page on this site. */
    String linkOf(Entry entry) {
        return entry.link() != null ? entry.link() : channel.entryPageUrl(entry.id());
    }

    /** The latest {@code updated} among the entries shown; the epoch for an empty feed. */
    Instant updated() {
        Instant latest = Instant.EPOCH;
        for (Entry entry : entries) {
            if (entry.updated().isAfter(latest)) {
                latest = entry.updated();
            }
        }
        return latest;
    }
}
