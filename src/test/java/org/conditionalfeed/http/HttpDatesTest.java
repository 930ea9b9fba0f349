package org.conditionalfeed.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** HTTP-date (RFC 9110 section 5.6.7): the three formats in, IMF-fixdate out. */
class HttpDatesTest {

    private static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");
    /** RFC 9110's example: Sun, 06 Nov 1994 08:49:37 GMT. */
    private static final Instant EXAMPLE = Instant.parse("1994-11-06T08:49:37Z");

    @ParameterizedTest
    @ValueSource(strings = {
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
        "Sun Nov 06 08:49:37 1994",
        "  Sun, 06 Nov 1994 08:49:37 GMT \t",
    })
    void parsesEveryFormatToTheSameInstant(String value) {
        assertEquals(Optional.of(EXAMPLE), HttpDates.parse(value, NOW));
    }

    /** A two-digit year more than 50 years in the future belongs to the previous century. */
    @ParameterizedTest(name = "{1} at {0} is {2}")
    @CsvSource(delimiter = '|', value = {
        "2025-06-15T12:00:00Z | Sunday, 06-Nov-94 08:49:37 GMT    | 1994-11-06T08:49:37Z",
        "2025-06-15T12:00:00Z | Tuesday, 01-Jan-75 00:00:00 GMT   | 2075-01-01T00:00:00Z",
        "2025-06-15T12:00:00Z | Thursday, 01-Jan-76 00:00:00 GMT  | 1976-01-01T00:00:00Z",
        "2025-06-15T12:00:00Z | Saturday, 01-Jan-00 00:00:00 GMT  | 2000-01-01T00:00:00Z",
        "2025-06-15T12:00:00Z | Wednesday, 01-Jan-25 00:00:00 GMT | 2025-01-01T00:00:00Z",
        "1995-06-15T12:00:00Z | Sunday, 06-Nov-94 08:49:37 GMT    | 1994-11-06T08:49:37Z",
        "2150-06-15T12:00:00Z | Tuesday, 01-Jan-99 00:00:00 GMT   | 2199-01-01T00:00:00Z",
        "2148-06-15T12:00:00Z | Thursday, 01-Jan-99 00:00:00 GMT  | 2099-01-01T00:00:00Z",
    })
    void placesTwoDigitYearInCenturyRelativeToNow(Instant now, String value, Instant expected) {
        assertEquals(Optional.of(expected), HttpDates.parse(value, now));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {
        "",
        "   ",
        "yesterday",
        "784111777",
        "Sun, 06 Nov 1994 08:49:37",
        "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 06 Nov 1994 08:49:37 +0000",
        "Sun, 06 Nov 1994 08:49:37 gmt",
        "sun, 06 nov 1994 08:49:37 gmt",
        "Sun, 06 NOV 1994 08:49:37 GMT",
        "SUN, 06 Nov 1994 08:49:37 GMT",
        "Sun,  06 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994  08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37  GMT",
        "Sun,06 Nov 1994 08:49:37 GMT",
        "Sun, 6 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 94 08:49:37 GMT",
        "Sun, 06-Nov-1994 08:49:37 GMT",
        "Sunday, 06 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 8:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37.5 GMT",
        "Sun, 06 November 1994 08:49:37 GMT",
        "Sun, 31 Feb 1994 08:49:37 GMT",
        "Wed, 29 Feb 2023 08:49:37 GMT",
        "Sun, 00 Nov 1994 08:49:37 GMT",
        "Sun, 32 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 08:60:00 GMT",
        "Sun, 06 Nov 1994 08:49:61 GMT",
        "Sun, 06 Nov 1994 08:49:37 GMT, Sun, 06 Nov 1994 08:49:37 GMT",
        "Sun, 06-Nov-94 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37",
        "sunday, 06-Nov-94 08:49:37 GMT",
        "Sunday, 06-nov-94 08:49:37 GMT",
        "Saturday, 31-Apr-94 08:49:37 GMT",
        "Sunday, 06-Nov-94 25:49:37 GMT",
        "Sun Nov 6 08:49:37 1994",
        "Sun Nov  6 08:49:37 94",
        "Sun Nov  6 08:49:37 1994 GMT",
        "Sun Nov 31 08:49:37 1994",
        "sun nov  6 08:49:37 1994",
    })
    void rejectsMalformedAndOutOfRangeValues(String value) {
        assertEquals(Optional.empty(), HttpDates.parse(value, NOW));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
        "1994-11-06T08:49:37Z           | Sun, 06 Nov 1994 08:49:37 GMT",
        "1994-11-06T08:49:37.999999999Z | Sun, 06 Nov 1994 08:49:37 GMT",
        "2025-03-04T05:06:07.500Z       | Tue, 04 Mar 2025 05:06:07 GMT",
        "2000-01-01T00:00:00Z           | Sat, 01 Jan 2000 00:00:00 GMT",
        "2024-12-31T23:59:59.999Z       | Tue, 31 Dec 2024 23:59:59 GMT",
    })
    void formatsImfFixdateInGmtWithoutFraction(Instant instant, String expected) {
        assertEquals(expected, HttpDates.format(instant));
    }

    @Test
    void formatsAndParsesIndependentlyOfDefaultZoneAndLocale() {
        TimeZone zone = TimeZone.getDefault();
        Locale locale = Locale.getDefault();
        try {
            // Fourteen hours east of UTC, 20:00 GMT is already the next day (a Monday).
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            Locale.setDefault(Locale.GERMANY);
            Instant evening = Instant.parse("1994-11-06T20:00:00Z");
            assertEquals("Sun, 06 Nov 1994 20:00:00 GMT", HttpDates.format(evening));
            assertEquals(Optional.of(evening), HttpDates.parse("Sun, 06 Nov 1994 20:00:00 GMT", NOW));
            assertEquals(Optional.of(evening), HttpDates.parse("Sunday, 06-Nov-94 20:00:00 GMT", NOW));
            assertEquals(Optional.of(evening), HttpDates.parse("Sun Nov  6 20:00:00 1994", NOW));
        } finally {
            TimeZone.setDefault(zone);
            Locale.setDefault(locale);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1970-01-01T00:00:00Z", "1994-11-06T08:49:37Z", "2038-01-19T03:14:08Z", "2099-12-31T23:59:59Z"})
    void parsesWhatItFormats(Instant instant) {
        String formatted = HttpDates.format(instant);
        assertTrue(formatted.endsWith(" GMT"), formatted);
        assertEquals(Optional.of(instant), HttpDates.parse(formatted, NOW));
    }
}
