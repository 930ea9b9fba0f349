package org.conditionalfeed.http;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Range request evaluation (RFC 9110 section 14) for a representation of known length: which
 * parts to send, in the order to send them.
 *
 * <ul>
 *   <li>Only {@code GET} has range semantics; a second {@code Range} line, an unknown unit or a
 *       malformed range set is ignored (the whole representation is sent), as the RFC allows.</li>
 *   <li>A failed {@code If-Range} (not the current strong entity tag, nor exactly the current
 *       {@code Last-Modified} while that date is a strong validator) also sends everything.</li>
 *   <li>Ranges past the end are dropped; when none is left the set is unsatisfiable
 *       ({@code 416}).</li>
 *   <li>Overlapping or adjacent ranges are coalesced into ascending order (section 14.2 allows
 *       it), so no byte is sent twice; more than {@code maxRanges} ranges in one request are
 *       ignored as an abusive range set.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind whether to send everything, the parts, or {@code 416}
 * @param parts the ranges to send, each of kind {@link ByteRange.Kind#PARTIAL}; empty unless
 *     partial
 */
public record ByteRanges(ByteRange.Kind kind, List<ByteRange> parts) {

    private static final Pattern RANGE_SPEC = Pattern.compile("(\\d*)-(\\d*)");
    private static final ByteRanges FULL = new ByteRanges(ByteRange.Kind.FULL, List.of());
    private static final ByteRanges UNSATISFIABLE = new ByteRanges(ByteRange.Kind.UNSATISFIABLE, List.of());

    public ByteRanges {
        parts = List.copyOf(parts);
    }

    /**
     * Chooses the parts of the representation to send.
     *
     * @param method request method; only GET has range semantics
     * @param rangeLines the {@code Range} field lines
     * @param ifRangeLines the {@code If-Range} field lines
     * @param current the representation's validators
     * @param length the representation's length in bytes
     * @param now the server's clock
     * @param maxRanges the most range specifiers one request may list; beyond it the field is ignored
     */
    public static ByteRanges select(String method, List<String> rangeLines, List<String> ifRangeLines,
            Validators current, long length, Instant now, int maxRanges) {
        if (!"GET".equals(method) || rangeLines.size() != 1 || !ifRangeHolds(ifRangeLines, current, now)) {
            return FULL;
        }
        String field = rangeLines.get(0).strip();
        int equals = field.indexOf('=');
        if (equals < 0 || !field.substring(0, equals).toLowerCase(Locale.ROOT).equals("bytes")) {
            return FULL;
        }
        List<long[]> specs = new ArrayList<>();
        for (String element : field.substring(equals + 1).split(",", -1)) {
            String spec = element.strip();
            if (spec.isEmpty()) {
                continue;
            }
            Optional<long[]> parsed = parseSpec(spec);
            if (parsed.isEmpty()) {
                return FULL;
            }
            specs.add(parsed.get());
        }
        if (specs.isEmpty() || specs.size() > maxRanges) {
            return FULL;
        }
        List<ByteRange> satisfiable = new ArrayList<>();
        for (long[] spec : specs) {
            if (spec[0] < 0) {
                long suffix = spec[1];
                if (suffix > 0 && length == 0) {
                    return FULL;
                }
                if (suffix > 0) {
                    satisfiable.add(new ByteRange(ByteRange.Kind.PARTIAL, Math.max(0, length - suffix), length - 1));
                }
            } else if (spec[0] < length) {
                satisfiable.add(new ByteRange(ByteRange.Kind.PARTIAL, spec[0], Math.min(spec[1], length - 1)));
            }
        }
        if (satisfiable.isEmpty()) {
            return UNSATISFIABLE;
        }
        return new ByteRanges(ByteRange.Kind.PARTIAL, coalesced(satisfiable));
    }

    /**
     * {@code {first, last}} of {@code first-last} or {@code first-} (last = MAX_VALUE), or
     * {@code {-1, n}} of the suffix range {@code -n}; empty when malformed.
     */
    private static Optional<long[]> parseSpec(String spec) {
        Matcher m = RANGE_SPEC.matcher(spec);
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        try {
            if (m.group(1).isEmpty()) {
                return Optional.of(new long[] {-1, Long.parseLong(m.group(2))});
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
            return last < first ? Optional.empty() : Optional.of(new long[] {first, last});
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    /**
     * The ranges in the order asked when no two overlap or touch; otherwise sorted, with
     * overlapping and adjacent ones merged.
     */
    private static List<ByteRange> coalesced(List<ByteRange> ranges) {
        List<ByteRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(ByteRange::first));
        List<ByteRange> merged = new ArrayList<>();
        ByteRange current = sorted.get(0);
        for (ByteRange next : sorted.subList(1, sorted.size())) {
            if (next.first() <= current.last() + 1) {
                current = new ByteRange(ByteRange.Kind.PARTIAL, current.first(), Math.max(current.last(), next.last()));
            } else {
                merged.add(current);
                current = next;
            }
        }
        merged.add(current);
        return merged.size() == ranges.size() ? ranges : merged;
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
