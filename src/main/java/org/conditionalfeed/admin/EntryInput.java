package org.conditionalfeed.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.conditionalfeed.store.EntryDraft;

/**
 * Reads the JSON of a create or replace request into an {@link EntryDraft}: checks the JSON
 * types here, then the same rules as the web form ({@link EntryForm}), and the optional
 * {@code enclosure} (a medium's id; whether it exists is checked when the entry is written).
 * Fields not listed there (such as {@code id} or {@code published} sent back from a GET) are
 * ignored.
 *
 * <p>Stateless and thread-safe.
 */
final class EntryInput {

    private EntryInput() {
    }

    static EntryDraft parse(JsonNode json) throws ApiException {
        if (json == null || !json.isObject()) {
            throw invalid("the body must be a JSON object");
        }
        EntryForm form = new EntryForm(string(json, "title"), string(json, "content"), string(json, "link"),
                string(json, "author"), categories(json));
        Map<String, String> problems = form.problems();
        if (!problems.isEmpty()) {
            throw invalid(problems.values().iterator().next());
        }
        return form.toDraft().withEnclosure(enclosure(json));
    }

    /** {@code "enclosure"}: a medium's id, or absent or {@code null} for none. */
    private static Long enclosure(JsonNode json) throws ApiException {
        JsonNode value = json.get("enclosure");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 1) {
            throw invalid("enclosure must be the id of a medium (a whole number from 1), or null for none");
        }
        return value.longValue();
    }

    private static String string(JsonNode json, String field) throws ApiException {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(field + " must be a string");
        }
        return value.textValue();
    }

    private static List<String> categories(JsonNode json) throws ApiException {
        JsonNode value = json.get("categories");
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw invalid("categories must be an array of strings");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw invalid("categories must be an array of strings");
            }
            names.add(element.textValue());
        }
        return names;
    }

    private static ApiException invalid(String message) {
        return new ApiException(400, message);
    }
}
