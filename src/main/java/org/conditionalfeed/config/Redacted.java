package org.conditionalfeed.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text fit for a log line: JDBC URLs with the secrets they may carry replaced by {@code ***}.
 * A parameter whose name ends in {@code password} ({@code ?password=…}, {@code &sslpassword=…},
 * H2's {@code ;PASSWORD=…}) and the password of {@code //user:password@host} are secrets.
 *
 * <p>Stateless and thread-safe.
 */
public final class Redacted {

    private static final Pattern PARAMETER = Pattern.compile("(?i)([?&;][a-z_.]*password=)([^&;]*)");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/?#@:]*:)([^/?#@]*)(@)");
    private static final String MASK = "***";

    private Redacted() {
    }

    /** {@code url} with every secret it carries replaced by {@code ***}. */
    public static String jdbcUrl(String url) {
        String masked = PARAMETER.matcher(url).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK));
        return USER_INFO.matcher(masked).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK + "@"));
    }

    /**
     * {@code text}, e.g. a driver's error message, with {@code url} and every secret in it
     * replaced: a driver may quote the URL it was given, or a part of it.
     */
    public static String text(String text, String url) {
        if (text == null) {
            return null;
        }
        String result = text.replace(url, jdbcUrl(url));
        for (String secret : secretsOf(url)) {
            result = result.replace(secret, MASK);
        }
        return result;
    }

    private static List<String> secretsOf(String url) {
        List<String> secrets = new ArrayList<>();
        for (Pattern pattern : List.of(PARAMETER, USER_INFO)) {
            Matcher matcher = pattern.matcher(url);
            while (matcher.find()) {
                if (!matcher.group(2).isEmpty()) {
                    secrets.add(matcher.group(2));
                }
            }
        }
        return secrets;
    }
}
