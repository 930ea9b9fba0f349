package org.conditionalfeed.store;

/**
 * An entry read for a feed, with at most a given number of characters of its content.
 *
 * @param entry the entry; its {@code content} is the first characters of the stored content
 *     (possibly none), or {@code null} when the entry has none
 * @param cut whether the stored content is longer than {@code entry.content()}
 */
public record EntryExcerpt(Entry entry, boolean cut) {
}
