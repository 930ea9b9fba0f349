package org.conditionalfeed.admin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.conditionalfeed.config.XmlChars;
import org.conditionalfeed.store.EntryDraft;

/**
 * The writable fields of an entry as a client sent them, before validation; shared by the JSON
 * API and the admin web form so both accept exactly the same entries. Everything that passes can
 * be written into well-formed XML and fits its column.
 *
 * @param title title as sent, or {@code null}
 * @param content HTML content, or {@code null}
 * @param link link, or {@code null}
 * @param author author, or {@code null}
 * @param categories category names as sent
 */
record EntryForm(String title, String content, String link, String author, List<String> categories) {

    static final int MAX_TITLE = 1000;
    static final int MAX_CONTENT = 1_000_000;
    static final int MAX_LINK = 2048;
    static final int MAX_AUTHOR = 200;
    static final int MAX_CATEGORIES = 50;
    static final int MAX_CATEGORY = 200;

    EntryForm {
        categories = List.copyOf(categories);
    }

    /** An empty form, for a new entry. */
    static EntryForm empty() {
        return new EntryForm("", "", "", "", List.of());
    }

    /**
     * The problems with these fields, by field name ({@code title}, {@code content}, {@code link},
     * {@code author}, {@code categories}) in that order; empty when the form is valid.
     */
    Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        if (title == null || title.isBlank()) {
            problems.put("title", "title is required and must not be empty");
        } else {
            text("title", title, MAX_TITLE, problems);
        }
        text("content", content, MAX_CONTENT, problems);
        if (text("link", link, MAX_LINK, problems) && !blank(link) && !isAbsoluteHttpUrl(link.strip())) {
            problems.put("link", "link must be an absolute http or https URL");
        }
        text("author", author, MAX_AUTHOR, problems);
        if (categories.size() > MAX_CATEGORIES) {
            problems.put("categories", "categories must hold at most " + MAX_CATEGORIES + " names");
        }
        for (String name : categories) {
            if (name == null || name.isBlank()) {
                problems.putIfAbsent("categories", "categories must be non-empty names");
            } else if (name.strip().chars().anyMatch(Character::isISOControl)) {
                problems.putIfAbsent("categories", "categories must not contain control characters or line breaks");
            } else {
                text("categories", name.strip(), MAX_CATEGORY, problems);
            }
        }
        return problems;
    }

    /** The validated draft; call only when {@link #problems()} is empty. */
    EntryDraft toDraft() {
        return new EntryDraft(title.strip(), content, blank(link) ? null : link.strip(),
                blank(author) ? null : author.strip(), categories.stream().map(String::strip).toList());
    }

    /** Checks length and XML characters; {@code false} when it recorded a problem. */
    private static boolean text(String field, String value, int maxLength, Map<String, String> problems) {
        if (value == null || problems.containsKey(field)) {
            return !problems.containsKey(field);
        }
        if (value.length() > maxLength) {
            problems.put(field, field + " must be at most " + maxLength + " characters");
            return false;
        }
        int bad = XmlChars.firstInvalid(value);
        if (bad >= 0) {
            problems.put(field, field + " contains a character XML 1.0 cannot carry (U+"
                    + String.format("%04X", (int) value.charAt(bad)) + " at position " + bad + ")");
            return false;
        }
        return true;
    }

    private static boolean isAbsoluteHttpUrl(String link) {
        try {
            URI uri = new URI(link);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException malformed) {
            return false;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
