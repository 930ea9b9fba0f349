package org.conditionalfeed.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * What the administrator's pages read from a request besides the session: form fields, the
 * page number of a list and the id at the end of a path. Malformed values read as absent.
 */
final class AdminRequests {

    private AdminRequests() {
    }

    /** The parameter {@code name}; empty when absent. */
    static String parameter(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null ? "" : value;
    }

    /** The {@code page} parameter, from 1; 1 when absent or malformed. */
    static int pageNumber(HttpServletRequest request) {
        try {
            return Math.max(1, Math.min(1_000_000, Integer.parseInt(parameter(request, "page"))));
        } catch (NumberFormatException absentOrMalformed) {
            return 1;
        }
    }

    /** The id that ends {@code path}, such as {@code 12} of {@code /edit/12}. */
    static Optional<Long> id(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.matches("[1-9][0-9]{0,17}") ? Optional.of(Long.parseLong(last)) : Optional.empty();
    }
}
