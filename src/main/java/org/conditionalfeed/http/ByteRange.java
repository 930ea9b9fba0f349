package org.conditionalfeed.http;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Range request handling (RFC 9110 section 14): which part of a representation of known length
 * to send. Only a single byte range is served as {@code 206}; a request for several ranges, an
 * unknown unit or a malformed field gets the whole representation, which the RFC allows.
 *
 * <p>Stateless and thread-safe.
 *
 * @param kind whether to send everything, a part, or {@code 416}
 * @param first first byte offset of a partial response
 * @param last last byte offset (inclusive) of a partial response
 */
public record ByteRange(Kind kind, long first, long last) {

    /** What the range evaluation chose. */
    public enum Kind { FULL, PARTIAL, UNSATISFIABLE }

    private static final Pattern SINGLE_RANGE = Pattern.compile("bytes=[ \t]*(\\d*)-(\\d*)[ \t]*");
    private static final ByteRange FULL = new ByteRange(Kind.FULL, 0, -1);
    private static final ByteRange UNSATISFIABLE = new ByteRange(Kind.UNSATISFIABLE, 0, -1);

    /** The number of bytes a partial response carries. */
    public long length() {
        return last - first + 1;
    }

    /**
     * Chooses the part of the representation to send.
     *
     * @param method request method; only GET has range semantics
     * @param rangeLines the {@code Range} field lines
     * @param ifRangeLines the {@code If-Range} field lines
     * @param current the representation's validators
     * @param length the representation's length in bytes
     * @param now the server's clock
     */
    public static ByteRange select(String method, List<String> rangeLines, List<String> ifRangeLines,
            Validators current, long length, Instant now) {
        if (!"GET".equals(method) || rangeLines.size() != 1 || !ifRangeHolds(ifRangeLines, current, now)) {
            return FULL;
        }
        Matcher m = SINGLE_RANGE.matcher(rangeLines.get(0).strip());
        if (!m.matches()) {
            return FULL;
        }
        String from = m.group(1);
        String to = m.group(2);
        try {
            if (from.isEmpty()) {
                if (to.isEmpty()) {
                    return FULL;
                }
                long suffix = Long.parseLong(to);
                if (suffix == 0) {
                    return UNSATISFIABLE;
                }
                if (length == 0) {
                    return FULL;
                }
                return new ByteRange(Kind.PARTIAL, Math.max(0, length - suffix), length - 1);
            }
            long first = Long.parseLong(from);
            long last = to.isEmpty() ? Long.MAX_VALUE : Long.parseLong(to);
            if (last < first) {
                return FULL;
            }
            if (first >= length) {
                return UNSATISFIABLE;
            }
            return new ByteRange(Kind.PARTIAL, first, Math.min(last, length - 1));
        } catch (NumberFormatException tooLarge) {
            return FULL;
        }
    }

    /**
     * {@code If-Range} holds when absent, when it names the current strong entity tag, or when it
     * is exactly the current {@code Last-Modified} and that date is a strong validator (at least
     * one second before now).
     */
    private static boolean ifRangeHolds(List<String> ifRangeLines, Validators current, Instant now) {
        if (ifRangeLines.isEmpty()) {
            return true;
        }
        if (ifRangeLines.size() != 1) {
            return false;
        }
        String value = ifRangeLines.get(0).strip();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            Optional<List<EntityTag>> tags = EntityTag.parseList(value);
            return tags.isPresent() && tags.get().size() == 1 && tags.get().get(0).stronglyMatches(current.etag());
        }
        Optional<Instant> date = HttpDates.parse(value, now);
        boolean strongDate = current.lastModified().plusSeconds(1).compareTo(now.truncatedTo(ChronoUnit.SECONDS)) <= 0;
        return date.isPresent() && strongDate && date.get().equals(current.lastModified());
    }
}
