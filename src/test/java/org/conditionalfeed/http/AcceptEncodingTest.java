package org.conditionalfeed.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Negotiation of the gzip content coding (RFC 9110 section 12.5.3). */
class AcceptEncodingTest {

    @ParameterizedTest(name = "\"{0}\" accepts gzip: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "gzip                         | true",
        "x-gzip                       | true",
        "GZIP                         | true",
        "X-Gzip                       | true",
        "deflate, gzip                | true",
        "gzip;q=1.0, identity; q=0.5  | true",
        "' gzip ; q=0.5 '             | true",
        "gzip;q=0.001                 | true",
        "gzip;level=9;q=0.8           | true",
        "*                            | true",
        "deflate, *;q=0.5             | true",
        "*;q=0, gzip                  | true",
        "gzip;q=0                     | false",
        "gzip;Q=0                     | false",
        "gzip; q=0.000                | false",
        "x-gzip;q=0                   | false",
        "*;q=0                        | false",
        "gzip;q=0, *                  | false",
        "*, gzip;q=0                  | false",
        "deflate, br                  | false",
        "identity                     | false",
        "gzipx, x-gzip2               | false",
        "''                           | false",
    })
    void decidesFromOneFieldLine(String value, boolean accepted) {
        assertEquals(accepted, AcceptEncoding.acceptsGzip(List.of(value)));
    }

    /** {@code +} separates field lines; the lines of one field form one list. */
    @ParameterizedTest(name = "{0} accepts gzip: {1}")
    @CsvSource(delimiter = '|', value = {
        "deflate + gzip       | true",
        "br + *               | true",
        "gzip;q=0 + *         | false",
        "* + gzip;q=0         | false",
        "deflate + br;q=0.5   | false",
    })
    void combinesSeveralFieldLines(String lines, boolean accepted) {
        assertEquals(accepted, AcceptEncoding.acceptsGzip(Arrays.asList(lines.split(" \\+ "))));
    }

    @Test
    void refusesGzipWithoutAcceptEncoding() {
        assertFalse(AcceptEncoding.acceptsGzip(List.of()));
    }
}
