package org.conditionalfeed.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.conditionalfeed.config.XmlChars;
import org.conditionalfeed.store.EntryDraft;

/**
 * Validates the JSON of a create or replace request into an {@link EntryDraft}. Everything that
 * reaches the store can be written into well-formed XML and fits its column. Fields not listed
 * here (such as {@code id} or {@code published} sent back from a GET) are ignored.
 *
 * <p>Stateless and thread-safe.
 */
final class EntryInput {

    static final int MAX_TITLE = 1000;
    static final int MAX_CONTENT = 1_000_000;
    static final int MAX_LINK = 2048;
    static final int MAX_AUTHOR = 200;
    static final int MAX_CATEGORIES = 50;
    static final int MAX_CATEGORY = 200;

    private EntryInput() {
    }

    static EntryDraft parse(JsonNode json) throws ApiException {
        if (json == null || !json.isObject()) {
            throw invalid("the body must be a JSON object");
        }
        String title = optionalText(json, "title", MAX_TITLE);
        if (title == null || title.isBlank()) {
            throw invalid("title is required and must not be empty");
        }
        String content = optionalText(json, "content", MAX_CONTENT);
        String link = emptyToNull(optionalText(json, "link", MAX_LINK));
        if (link != null) {
            link = link.strip();
            requireAbsoluteHttpUrl(link);
        }
        String author = emptyToNull(optionalText(json, "author", MAX_AUTHOR));
        return new EntryDraft(title.strip(), content, link, author == null ? null : author.strip(), categories(json));
    }

    private static String optionalText(JsonNode json, String field, int maxLength) throws ApiException {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(field + " must be a string");
        }
        String text = value.textValue();
        if (text.length() > maxLength) {
            throw invalid(field + " must be at most " + maxLength + " characters");
        }
        requireXmlText(field, text);
        return text;
    }

    private static List<String> categories(JsonNode json) throws ApiException {
        JsonNode value = json.get("categories");
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw invalid("categories must be an array of strings");
        }
        if (value.size() > MAX_CATEGORIES) {
            throw invalid("categories must hold at most " + MAX_CATEGORIES + " names");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual() || element.textValue().isBlank()) {
                throw invalid("categories must be an array of non-empty strings");
            }
            String name = element.textValue().strip();
            if (name.length() > MAX_CATEGORY) {
                throw invalid("each category must be at most " + MAX_CATEGORY + " characters");
            }
            if (name.chars().anyMatch(Character::isISOControl)) {
                throw invalid("categories must not contain control characters or line breaks");
            }
            requireXmlText("categories", name);
            names.add(name);
        }
        return names;
    }

    private static void requireAbsoluteHttpUrl(String link) throws ApiException {
        try {
            URI uri = new URI(link);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException malformed) {
            // reported below
        }
        throw invalid("link must be an absolute http or https URL");
    }

    private static void requireXmlText(String field, String text) throws ApiException {
        int bad = XmlChars.firstInvalid(text);
        if (bad >= 0) {
            throw invalid(field + " contains a character XML 1.0 cannot carry (U+"
                    + String.format("%04X", (int) text.charAt(bad)) + " at position " + bad + ")");
        }
    }

    private static String emptyToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static ApiException invalid(String message) {
        return new ApiException(400, message);
    }
}
