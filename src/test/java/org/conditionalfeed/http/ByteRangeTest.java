package org.conditionalfeed.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.conditionalfeed.http.ByteRange.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Range requests (RFC 9110 section 14) over a 1000-byte representation. */
class ByteRangeTest {

    private static final long LENGTH = 1000;
    private static final Instant NOW = Instant.parse("2025-03-14T12:00:00.250Z");
    /** Last modified an hour before now, so its date is a strong validator. */
    private static final Validators CURRENT =
            new Validators(EntityTag.strong("rev-2"), Instant.parse("2025-03-14T11:00:00.400Z"));
    private static final String LM = "Fri, 14 Mar 2025 11:00:00 GMT";

    private static ByteRange select(String method, String range, String ifRange, Validators current, Instant now) {
        return ByteRange.select(method, lines(range), lines(ifRange), current, LENGTH, now);
    }

    /** {@code null} is an absent field; {@code |} separates field lines. */
    private static List<String> lines(String field) {
        return field == null ? List.of() : Arrays.asList(field.split("\\|", -1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bytes=0-499                   | 0   | 499",
        "bytes=500-999                 | 500 | 999",
        "bytes=0-0                     | 0   | 0",
        "bytes=999-999                 | 999 | 999",
        "bytes=900-                    | 900 | 999",
        "bytes=0-                      | 0   | 999",
        "bytes=-100                    | 900 | 999",
        "bytes=-1                      | 999 | 999",
        "bytes=-1000                   | 0   | 999",
        "bytes=-5000                   | 0   | 999",
        "bytes=500-5000                | 500 | 999",
        "bytes=998-999999999999999999  | 998 | 999",
        "bytes= 10-19                  | 10  | 19",
    })
    void servesSingleRangeAsPartial(String range, long first, long last) {
        ByteRange selected = select("GET", range, null, CURRENT, NOW);
        assertEquals(new ByteRange(Kind.PARTIAL, first, last), selected);
        assertEquals(last - first + 1, selected.length());
    }

    /** A first byte at or past the end, or a zero-length suffix, selects no byte at all. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bytes=1000-", "bytes=5000-", "bytes=1000-1999", "bytes=5000-5999", "bytes=1000-1000", "bytes=-0"})
    void answersUnsatisfiableWhenRangeSelectsNoByte(String range) {
        assertEquals(Kind.UNSATISFIABLE, select("GET", range, null, CURRENT, NOW).kind());
    }

    @Test
    void answersUnsatisfiableForFirstByteOfEmptyRepresentation() {
        ByteRange selected = ByteRange.select("GET", List.of("bytes=0-"), List.of(), CURRENT, 0, NOW);
        assertEquals(Kind.UNSATISFIABLE, selected.kind());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "GET    | bytes=0-1,5-9",
        "GET    | bytes=0-1, 5-9",
        "GET    | 'bytes=0-499|bytes=500-999'",
        "GET    | bytes=5-3",
        "GET    | bytes=-",
        "GET    | bytes=a-b",
        "GET    | bytes 0-499",
        "GET    | items=0-499",
        "GET    | bytes=99999999999999999999-",
        "HEAD   | bytes=0-499",
        "POST   | bytes=0-499",
    })
    void sendsEverythingForMultipleMalformedOrNonGetRanges(String method, String range) {
        assertEquals(Kind.FULL, select(method, range, null, CURRENT, NOW).kind());
    }

    @Test
    void sendsEverythingWithoutRange() {
        assertEquals(Kind.FULL, ByteRange.select("GET", List.of(), List.of("\"rev-2\""), CURRENT, LENGTH, NOW).kind());
    }

    @ParameterizedTest(name = "If-Range: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "'\"rev-2\"'",
        "' \"rev-2\" '",
        LM,
        "Friday, 14-Mar-25 11:00:00 GMT",
        "Fri Mar 14 11:00:00 2025",
    })
    void servesPartialWhenIfRangeHolds(String ifRange) {
        assertEquals(new ByteRange(Kind.PARTIAL, 0, 499), select("GET", "bytes=0-499", ifRange, CURRENT, NOW));
    }

    @ParameterizedTest(name = "If-Range: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "'\"rev-1\"'",
        "'W/\"rev-2\"'",
        "'\"REV-2\"'",
        "'\"rev-2\", \"rev-2\"'",
        "'\"rev-2\"|\"rev-2\"'",
        "rev-2",
        "Fri, 14 Mar 2025 10:59:59 GMT",
        "Fri, 14 Mar 2025 11:00:01 GMT",
        "Fri, 14 Mar 2025 11:00:00",
        "fri, 14 mar 2025 11:00:00 gmt",
        "yesterday",
    })
    void sendsEverythingWhenIfRangeFails(String ifRange) {
        assertEquals(Kind.FULL, select("GET", "bytes=0-499", ifRange, CURRENT, NOW).kind());
    }

    /** A date is a strong validator only once the clock has moved at least one second past it. */
    @ParameterizedTest(name = "Last-Modified {0} at {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "2025-03-14T11:59:59Z      | 2025-03-14T12:00:00.250Z | Fri, 14 Mar 2025 11:59:59 GMT | PARTIAL",
        "2025-03-14T11:59:59.900Z  | 2025-03-14T12:00:00Z     | Fri, 14 Mar 2025 11:59:59 GMT | PARTIAL",
        "2025-03-14T12:00:00Z      | 2025-03-14T12:00:00.250Z | Fri, 14 Mar 2025 12:00:00 GMT | FULL",
        "2025-03-14T11:59:59Z      | 2025-03-14T11:59:59.999Z | Fri, 14 Mar 2025 11:59:59 GMT | FULL",
    })
    void trustsIfRangeDateOnlyWhenAtLeastOneSecondOld(Instant lastModified, Instant now, String ifRange, Kind expected) {
        Validators current = new Validators(EntityTag.strong("rev-2"), lastModified);
        assertEquals(expected, select("GET", "bytes=0-499", ifRange, current, now).kind());
    }

    /** Several ranges, as a resource that serves up to 16 in one multipart answer selects them. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bytes=0-1,5-9                 | 0-1 5-9",
        "bytes=0-1, 5-9                | 0-1 5-9",
        "bytes=0-1,,5-9                | 0-1 5-9",
        "bytes=500-599,0-99            | 500-599 0-99",
        "bytes=0-0,-1                  | 0-0 999-999",
        "bytes=0-99,50-149             | 0-149",
        "bytes=0-99,100-199            | 0-199",
        "bytes=500-599,0-99,550-649    | 0-99 500-649",
        "bytes=0-1,0-1,0-1             | 0-1",
        "bytes=-100,900-               | 900-999",
        "bytes=0-1,2000-3000           | 0-1",
        "bytes=2000-,0-1,-0            | 0-1",
        "BYTES=0-1,5-9                 | 0-1 5-9",
    })
    void selectsSeveralRangesCoalescingOverlaps(String range, String expected) {
        ByteRanges selected = ByteRanges.select("GET", lines(range), List.of(), CURRENT, LENGTH, NOW, 16);
        assertEquals(Kind.PARTIAL, selected.kind());
        String parts = String.join(" ", selected.parts().stream().map(p -> p.first() + "-" + p.last()).toList());
        assertEquals(expected, parts);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "bytes=0-1,x                   | FULL",
        "bytes=0-1,5-3                 | FULL",
        "bytes=0-1,-                   | FULL",
        "bytes=2000-,3000-3999         | UNSATISFIABLE",
        "bytes=-0,1000-                | UNSATISFIABLE",
    })
    void treatsRangeSetAsAWhole(String range, Kind expected) {
        assertEquals(expected, ByteRanges.select("GET", lines(range), List.of(), CURRENT, LENGTH, NOW, 16).kind());
    }

    @Test
    void ignoresMoreRangesThanAllowed() {
        StringBuilder sixteen = new StringBuilder("bytes=0-0");
        for (int i = 1; i < 16; i++) {
            sixteen.append(',').append(i * 10).append('-').append(i * 10);
        }
        assertEquals(16, ByteRanges.select("GET", List.of(sixteen.toString()), List.of(), CURRENT, LENGTH, NOW, 16)
                .parts().size());
        String seventeen = sixteen + ",900-900";
        assertEquals(Kind.FULL, ByteRanges.select("GET", List.of(seventeen), List.of(), CURRENT, LENGTH, NOW, 16).kind());
    }

    @ParameterizedTest(name = "{0} If-Range {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "HEAD | ",
        "GET  | '\"rev-1\"'",
        "GET  | Fri, 14 Mar 2025 10:59:59 GMT",
    })
    void sendsEverythingForSeveralRangesWhenNotGetOrIfRangeFails(String method, String ifRange) {
        ByteRanges selected = ByteRanges.select(method, List.of("bytes=0-1,5-9"), lines(ifRange), CURRENT, LENGTH, NOW, 16);
        assertEquals(Kind.FULL, selected.kind());
    }
}
