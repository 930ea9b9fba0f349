package org.conditionalfeed.readers;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who a reader is, from its {@code User-Agent}: the product and version it names first
 * ({@code newsboat/2.21.0}, {@code curl/8.5.0}), or, for a {@code Mozilla/5.0 (compatible; …)}
 * string, the product in the comment ({@code inoreader.com}); and the subscriber count that
 * aggregators put there ({@code Feedly/1.0 (+http://www.feedly.com/fetcher.html; 42 subscribers;
 * …)}, {@code NewsBlur Feed Fetcher - 7 subscribers - …}). A pure function; immutable.
 *
 * @param name the reader's name in the report, printable ASCII, at most {@value #MAX_NAME} characters
 * @param subscribers the subscribers it reports; -1 when it reports none
 */
public record ReaderAgent(String name, long subscribers) {

    /** The longest name kept. */
    public static final int MAX_NAME = 100;
    /** The name of requests that carry no {@code User-Agent}. */
    public static final String ANONYMOUS = "(no User-Agent)";

    private static final Pattern SUBSCRIBERS = Pattern.compile("(?<!\\d)(\\d{1,9})\\s+(?:subscribers?|readers?)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern COMPATIBLE = Pattern.compile("\\(compatible;\\s*([^;)]+)", Pattern.CASE_INSENSITIVE);

    /** Reads a {@code User-Agent} value, {@code null} when absent. */
    public static ReaderAgent parse(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return new ReaderAgent(ANONYMOUS, -1);
        }
        String agent = userAgent.strip();
        Matcher count = SUBSCRIBERS.matcher(agent);
        long subscribers = count.find() ? Long.parseLong(count.group(1)) : -1;
        String product = firstToken(agent);
        if (product.toLowerCase(Locale.ROOT).startsWith("mozilla/")) {
            Matcher compatible = COMPATIBLE.matcher(agent);
            if (compatible.find() && !compatible.group(1).isBlank()) {
                product = firstToken(compatible.group(1).strip());
            }
        }
        return new ReaderAgent(printable(product), subscribers);
    }

    /** Up to the first space, semicolon or parenthesis. */
    private static String firstToken(String text) {
        int end = 0;
        while (end < text.length() && " \t;()".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        return end == 0 ? text : text.substring(0, end);
    }

    private static String printable(String text) {
        StringBuilder kept = new StringBuilder(Math.min(text.length(), MAX_NAME));
        for (int i = 0; i < text.length() && kept.length() < MAX_NAME; i++) {
            char c = text.charAt(i);
            kept.append(c >= 0x21 && c < 0x7f ? c : '?');
        }
        return kept.isEmpty() ? ANONYMOUS : kept.toString();
    }
}
