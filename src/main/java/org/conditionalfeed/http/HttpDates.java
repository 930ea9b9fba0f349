package org.conditionalfeed.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP-date (RFC 9110 section 5.6.7): formats IMF-fixdate and parses all three formats a
 * recipient must accept. Parsing is exact: HTTP-date is case-sensitive and allows no extra
 * white space inside.
 *
 * <p>Stateless and thread-safe.
 */
public final class HttpDates {

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private static final String MONTHS = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
    private static final List<String> MONTH_NAMES =
            List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");
    private static final String TIME = "(\\d{2}):(\\d{2}):(\\d{2})";

    private static final Pattern IMF = Pattern.compile(
            "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) " + MONTHS + " (\\d{4}) " + TIME + " GMT");
    private static final Pattern RFC850 = Pattern.compile(
            "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-" + MONTHS + "-(\\d{2}) "
                    + TIME + " GMT");
    private static final Pattern ASCTIME = Pattern.compile(
            "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) " + MONTHS + " ([ \\d]\\d) " + TIME + " (\\d{4})");

    private HttpDates() {
    }

    /** A formatted second; immutable, so safely shared between threads through the cache. */
    private record Formatted(long epochSecond, String text) {
    }

    /**
     * Recently formatted seconds, by epoch second modulo the size: the {@code Date} of the current
     * second and the few {@code Last-Modified} values in use are formatted once, not per request.
     */
    private static final Formatted[] RECENT = new Formatted[64];

    /** Formats an instant as IMF-fixdate, dropping any fraction of a second. */
    public static String format(Instant instant) {
        long second = instant.getEpochSecond();
        int slot = (int) Math.floorMod(second, (long) RECENT.length);
        Formatted cached = RECENT[slot];
        if (cached != null && cached.epochSecond() == second) {
            return cached.text();
        }
        String text = IMF_FIXDATE.format(Instant.ofEpochSecond(second));
        RECENT[slot] = new Formatted(second, text);
        return text;
    }

    /**
     * Parses one HTTP-date in any of the three formats.
     *
     * @param value the field value, surrounding white space allowed
     * @param now the recipient's clock, used to place a two-digit RFC 850 year in its century
     * @return the instant, or empty when the value is not exactly one valid HTTP-date
     */
    public static Optional<Instant> parse(String value, Instant now) {
        String text = value.strip();
        try {
            Matcher m = IMF.matcher(text);
            if (m.matches()) {
                return Optional.of(toInstant(Integer.parseInt(m.group(3)), m.group(2), m.group(1), m, 4));
            }
            m = ASCTIME.matcher(text);
            if (m.matches()) {
                return Optional.of(toInstant(Integer.parseInt(m.group(6)), m.group(1), m.group(2).strip(), m, 3));
            }
            m = RFC850.matcher(text);
            if (m.matches()) {
                return Optional.of(toInstant(fullYear(Integer.parseInt(m.group(3)), now), m.group(2), m.group(1), m, 4));
            }
        } catch (DateTimeException outOfRange) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Instant toInstant(int year, String month, String day, Matcher m, int timeGroup) {
        LocalDateTime local = LocalDateTime.of(year, MONTH_NAMES.indexOf(month) + 1, Integer.parseInt(day),
                Integer.parseInt(m.group(timeGroup)), Integer.parseInt(m.group(timeGroup + 1)),
                Integer.parseInt(m.group(timeGroup + 2)));
        return local.toInstant(ZoneOffset.UTC);
    }

    /** RFC 9110: a two-digit year more than 50 years in the future means the previous century. */
    private static int fullYear(int twoDigits, Instant now) {
        int currentYear = now.atZone(ZoneOffset.UTC).getYear();
        int year = currentYear / 100 * 100 + twoDigits;
        if (year > currentYear + 50) {
            year -= 100;
        }
        return year;
    }
}
