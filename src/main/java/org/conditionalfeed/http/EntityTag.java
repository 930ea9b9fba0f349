package org.conditionalfeed.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An entity tag (RFC 9110 section 8.8.3): an opaque quoted string, weak or strong.
 *
 * <p>Immutable and thread-safe.
 *
 * @param opaque the characters between the quotes
 * @param weak whether the tag carries the {@code W/} prefix
 */
public record EntityTag(String opaque, boolean weak) {

    public EntityTag {
        Objects.requireNonNull(opaque, "opaque");
        for (int i = 0; i < opaque.length(); i++) {
            if (!isEtagChar(opaque.charAt(i))) {
                throw new IllegalArgumentException("not an entity-tag character at " + i + ": " + opaque);
            }
        }
    }

    /** A strong tag with the given opaque value. */
    public static EntityTag strong(String opaque) {
        return new EntityTag(opaque, false);
    }

    /**
     * A strong tag that names exactly these bytes: the first 128 bits of their SHA-256, in
     * base64url without padding (22 characters). Two different byte sequences share a tag only
     * through a SHA-256 collision on those bits, so a tag derived this way can never come back
     * for other bytes, whatever happens to the data the bytes were made from.
     */
    public static EntityTag ofBytes(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return strong(Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The tag as it appears in an {@code ETag} header, quotes included. */
    public String toHeaderValue() {
        return (weak ? "W/\"" : "\"") + opaque + '"';
    }

    /** Weak comparison: the opaque values match, whatever the weakness of either tag. */
    public boolean weaklyMatches(EntityTag other) {
        return opaque.equals(other.opaque);
    }

    /** Strong comparison: both tags are strong and their opaque values match. */
    public boolean stronglyMatches(EntityTag other) {
        return !weak && !other.weak && opaque.equals(other.opaque);
    }

    /**
     * Parses a list of entity tags as sent in {@code If-None-Match} or {@code If-Match}
     * ({@code 1#entity-tag}, empty elements allowed).
     *
     * @return the tags, or empty when the value is not a well-formed list
     */
    public static Optional<List<EntityTag>> parseList(String value) {
        List<EntityTag> tags = new ArrayList<>();
        int i = 0;
        int n = value.length();
        boolean expectElement = true;
        while (i < n) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
            } else if (c == ',') {
                expectElement = true;
                i++;
            } else if (!expectElement) {
                return Optional.empty();
            } else {
                boolean weak = false;
                if (value.startsWith("W/", i)) {
                    weak = true;
                    i += 2;
                }
                if (i >= n || value.charAt(i) != '"') {
                    return Optional.empty();
                }
                int close = value.indexOf('"', i + 1);
                if (close < 0) {
                    return Optional.empty();
                }
                String opaque = value.substring(i + 1, close);
                if (!opaque.chars().allMatch(ch -> isEtagChar((char) ch))) {
                    return Optional.empty();
                }
                tags.add(new EntityTag(opaque, weak));
                i = close + 1;
                expectElement = false;
            }
        }
        return tags.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(tags));
    }

    /** {@code etagc = %x21 / %x23-7E / obs-text}. */
    private static boolean isEtagChar(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);
    }
}
