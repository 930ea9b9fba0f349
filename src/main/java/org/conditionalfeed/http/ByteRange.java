package org.conditionalfeed.http;

import java.time.Instant;
import java.util.List;

/**
 * One byte range of a representation of known length, and the range selection of a resource that
 * serves single ranges only (RFC 9110 section 14): a request for several ranges, an unknown unit
 * or a malformed field gets the whole representation, which the RFC allows. {@link ByteRanges}
 * parses the field and serves several ranges too.
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

    private static final ByteRange FULL = new ByteRange(Kind.FULL, 0, -1);
    private static final ByteRange UNSATISFIABLE = new ByteRange(Kind.UNSATISFIABLE, 0, -1);

    /** The number of bytes a partial response carries. */
    public long length() {
        return last - first + 1;
    }

    /**
     * Chooses the part of the representation to send when only a single range is served: a
     * request for several ranges gets the whole representation. See {@link ByteRanges#select}.
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
        ByteRanges ranges = ByteRanges.select(method, rangeLines, ifRangeLines, current, length, now, 1);
        return switch (ranges.kind()) {
            case FULL -> FULL;
            case UNSATISFIABLE -> UNSATISFIABLE;
            case PARTIAL -> ranges.parts().get(0);
        };
    }
}
