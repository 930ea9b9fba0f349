package org.conditionalfeed.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The {@code Idempotency-Key} request header of {@code POST /api/entries}, as in the IETF
 * httpapi draft and Stripe's API: a client-chosen key, sent again unchanged with every retry of
 * one request. The key is taken as sent (a quoted structured-field string keeps its quotes), 1 to
 * {@value #MAX_LENGTH} characters of visible ASCII and spaces; anything else is refused with
 * {@code 400}, as is more than one such header.
 *
 * <p>Stateless and thread-safe.
 */
final class IdempotencyKeys {

    static final String HEADER = "Idempotency-Key";
    static final int MAX_LENGTH = 255;

    private IdempotencyKeys() {
    }

    /** The request's key, empty when it sends none. */
    static Optional<String> of(HttpServletRequest request) throws ApiException {
        List<String> values = Collections.list(request.getHeaders(HEADER));
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw invalid("send one " + HEADER + " header, not " + values.size());
        }
        String key = values.get(0).strip();
        if (key.isEmpty() || key.length() > MAX_LENGTH) {
            throw invalid(HEADER + " must be 1 to " + MAX_LENGTH + " characters long");
        }
        if (!key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw invalid(HEADER + " must be visible ASCII characters and spaces only");
        }
        return Optional.of(key);
    }

    /** The digest that tells a retry (the same body) from another request under the same key. */
    static String digest(byte[] body) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static ApiException invalid(String message) {
        return new ApiException(400, message);
    }
}
