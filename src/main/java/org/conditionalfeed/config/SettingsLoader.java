package org.conditionalfeed.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads {@link Settings} from a map of environment variables, optionally overridden by JVM system
 * properties of the same names. An unset or empty variable takes its default; a value the
 * application cannot use throws {@link SettingsException} naming the variable.
 *
 * <p>Stateless and thread-safe.
 */
public final class SettingsLoader {

    public static final String DEFAULT_TITLE = "conditional-feed";
    public static final String DEFAULT_DESCRIPTION = "The latest entries of this blog.";
    /** Readers may keep the feed but must ask again before every use; shared caches keep none. */
    public static final String DEFAULT_FEED_CACHE_CONTROL = "private, must-revalidate, max-age=0";

    /**
     * RFC 9111 section 5.2: a comma-separated list of {@code token [ "=" ( token / quoted-string ) ]},
     * in visible ASCII, spaces and tabs.
     */
    private static final Pattern CACHE_DIRECTIVES;

    static {
        String token = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
        String quoted = "\"(?:[\\t !#-\\[\\]-~]|\\\\[\\t -~])*\"";
        String directive = token + "(?:=(?:" + token + "|" + quoted + "))?";
        CACHE_DIRECTIVES = Pattern.compile(directive + "(?:[ \\t]*,[ \\t]*" + directive + ")*");
    }

    /** The largest item body a feed carries by default: 64 KiB of UTF-8. */
    public static final int DEFAULT_FEED_ITEM_MAX_BYTES = 65_536;
    /** The largest media upload by default: 512 MiB. */
    public static final long DEFAULT_MEDIA_MAX_BYTES = 536_870_912L;
    /** The most bytes the local copies of media files take by default: 1 GiB. */
    public static final long DEFAULT_MEDIA_CACHE_MAX_BYTES = 1L << 30;

    /** The longest polling interval the settings take: a day. */
    public static final int MAX_POLL_SECONDS = 86_400;
    /** The shortest metrics token taken: long enough that guessing it is hopeless. */
    public static final int MIN_METRICS_TOKEN_LENGTH = 16;
    /** RFC 6750 section 2.1: the characters of a bearer token ({@code b64token}). */
    private static final Pattern BEARER_TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");

    /** The longest reader report window: a year of daily rows. */
    public static final int MAX_READER_REPORT_DAYS = 366;
    /** The longest hub URL taken (it is stored with each queued ping). */
    public static final int MAX_HUB_URL_LENGTH = 1000;

    private static final Pattern IPV4 = Pattern.compile("(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

    private SettingsLoader() {
    }

    /**
     * Loads settings from the environment and the system properties, usually {@link System#getenv()}
     * and {@link System#getProperties()}. A non-empty {@code FEED_*} system property wins over the
     * environment variable of the same name: an operator of a standalone Tomcat may set either,
     * e.g. {@code export FEED_DB_URL=…} or {@code -DFEED_DB_URL=…} in {@code bin/setenv.sh}.
     */
    public static Settings load(Map<String, String> environment, Properties systemProperties) {
        Map<String, String> variables = new HashMap<>(environment);
        for (String name : systemProperties.stringPropertyNames()) {
            String value = systemProperties.getProperty(name);
            if (name.startsWith("FEED_") && blankToNull(value) != null) {
                variables.put(name, value);
            }
        }
        return load(variables);
    }

    /** Loads settings from {@code variables}, e.g. environment variables. */
    public static Settings load(Map<String, String> variables) {
        Map<String, String> env = Map.copyOf(variables);
        int port = integer(env, "FEED_PORT", 8080, 0, 65535);
        String dbUrl = text(env, "FEED_DB_URL", "jdbc:h2:file:./data/feed");
        if (!dbUrl.startsWith("jdbc:")) {
            throw new SettingsException("FEED_DB_URL must be a JDBC URL starting with 'jdbc:', got '" + dbUrl + "'");
        }
        Optional<String> baseUrl = Optional.ofNullable(blankToNull(env.get("FEED_BASE_URL"))).map(SettingsLoader::baseUrl);
        String title = xmlText(env, "FEED_TITLE", DEFAULT_TITLE);
        String description = xmlText(env, "FEED_DESCRIPTION", DEFAULT_DESCRIPTION);
        int maxItems = integer(env, "FEED_MAX_ITEMS", 20, 1, 1000);
        String adminUser = text(env, "FEED_ADMIN_USER", "admin");
        if (adminUser.contains(":") || adminUser.chars().anyMatch(Character::isISOControl)) {
            throw new SettingsException("FEED_ADMIN_USER must not contain ':' or control characters");
        }
        Optional<String> adminPassword = Optional.ofNullable(blankToNull(env.get("FEED_ADMIN_PASSWORD")));
        String feedCacheControl = cacheControl(text(env, "FEED_CACHE_CONTROL", DEFAULT_FEED_CACHE_CONTROL));
        List<String> trustedProxies = trustedProxies(env.get("FEED_TRUSTED_PROXIES"));
        int feedItemMaxBytes = integer(env, "FEED_ITEM_MAX_BYTES", DEFAULT_FEED_ITEM_MAX_BYTES, 1024, 1_000_000);
        long mediaMaxBytes = longInteger(env, "FEED_MEDIA_MAX_BYTES", DEFAULT_MEDIA_MAX_BYTES, 1, Long.MAX_VALUE);
        Optional<Path> mediaCacheDir = Optional.ofNullable(blankToNull(env.get("FEED_MEDIA_CACHE_DIR")))
                .map(value -> directory("FEED_MEDIA_CACHE_DIR", value))
                .or(() -> DatabaseDirectory.of(dbUrl).map(data -> data.resolve("media-cache")));
        long mediaCacheMaxBytes = longInteger(env, "FEED_MEDIA_CACHE_MAX_BYTES", DEFAULT_MEDIA_CACHE_MAX_BYTES, 0,
                Long.MAX_VALUE);
        int minPollSeconds = integer(env, "FEED_MIN_POLL_SECONDS", 0, 1, MAX_POLL_SECONDS);
        int minUnconditionalPollSeconds = integer(env, "FEED_MIN_UNCONDITIONAL_POLL_SECONDS", 0, 1, MAX_POLL_SECONDS);
        if (minUnconditionalPollSeconds != 0 && minUnconditionalPollSeconds < minPollSeconds) {
            throw new SettingsException("FEED_MIN_UNCONDITIONAL_POLL_SECONDS must not be shorter than "
                    + "FEED_MIN_POLL_SECONDS (" + minPollSeconds + "), got " + minUnconditionalPollSeconds);
        }
        Optional<String> metricsToken = Optional.ofNullable(blankToNull(env.get("FEED_METRICS_TOKEN")))
                .map(SettingsLoader::metricsToken);
        List<String> websubHubs = websubHubs(env.get("FEED_WEBSUB_HUBS"));
        int readerReportDays = integer(env, "FEED_READER_REPORT_DAYS", 30, 0, MAX_READER_REPORT_DAYS);
        return new Settings(port, dbUrl, text(env, "FEED_DB_USER", "sa"), env.getOrDefault("FEED_DB_PASSWORD", ""),
                baseUrl, title, description, maxItems, adminUser, adminPassword, feedCacheControl, trustedProxies,
                feedItemMaxBytes, mediaMaxBytes, mediaCacheDir, mediaCacheMaxBytes, minPollSeconds, minUnconditionalPollSeconds, metricsToken, websubHubs,
                readerReportDays, language(text(env, "FEED_LANGUAGE", "en")));
    }

    /**
     * A language tag as RSS, Atom and JSON Feed carry it: well-formed BCP 47, which
     * {@link Locale#forLanguageTag} reads back to the same tag (case aside), with an ISO 639
     * language of two or three letters, e.g. {@code en}, {@code de-CH}, {@code zh-Hant-TW};
     * {@code english} or {@code en_US} stop start-up.
     */
    private static String language(String value) {
        String tag = value.strip();
        Locale locale = Locale.forLanguageTag(tag);
        String readBack = locale.toLanguageTag();
        if (!readBack.equalsIgnoreCase(tag) || locale.getLanguage().length() < 2 || locale.getLanguage().length() > 3) {
            throw new SettingsException("FEED_LANGUAGE must be a BCP 47 language tag such as 'en' or 'de-CH', got '"
                    + value + "'");
        }
        return readBack;
    }

    /**
     * A comma-separated list of absolute http(s) hub URLs, without fragment, each at most
     * {@value #MAX_HUB_URL_LENGTH} characters and named once; empty when unset.
     */
    private static List<String> websubHubs(String value) {
        return commaSeparated(value, hub -> isHttpUrl(hub) && hub.length() <= MAX_HUB_URL_LENGTH
                && !hub.contains("<") && !hub.contains(">"), hub -> "FEED_WEBSUB_HUBS must be a comma-separated list of "
                + "absolute http(s) URLs without fragment, each at most " + MAX_HUB_URL_LENGTH + " characters, got '"
                + hub + "'").stream().distinct().toList();
    }

    /**
     * The non-empty items of a comma-separated {@code value}, stripped; empty when unset. An item
     * that {@code valid} refuses stops start-up with the {@code refusal} for it.
     */
    private static List<String> commaSeparated(String value, Predicate<String> valid,
            Function<String, String> refusal) {
        if (blankToNull(value) == null) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (String part : value.split(",")) {
            String item = part.strip();
            if (item.isEmpty()) {
                continue;
            }
            if (!valid.test(item)) {
                throw new SettingsException(refusal.apply(item));
            }
            items.add(item);
        }
        return List.copyOf(items);
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** A bearer token as a Prometheus server sends it: at least 16 characters of RFC 6750's {@code b64token}. */
    private static String metricsToken(String value) {
        String token = value.strip();
        if (!BEARER_TOKEN.matcher(token).matches()) {
            throw new SettingsException("FEED_METRICS_TOKEN may contain only letters, digits and -._~+/ "
                    + "(trailing = allowed), e.g. the output of 'openssl rand -hex 32'");
        }
        if (token.length() < MIN_METRICS_TOKEN_LENGTH) {
            throw new SettingsException("FEED_METRICS_TOKEN must be at least " + MIN_METRICS_TOKEN_LENGTH
                    + " characters long, got " + token.length());
        }
        return token;
    }

    /**
     * A comma-separated list of IP addresses (IPv4 or IPv6) of trusted reverse proxies; empty when
     * unset. Anything but literal addresses stops start-up: a host name would be looked up per
     * request, and a typo must not silently trust everybody.
     */
    private static List<String> trustedProxies(String value) {
        return commaSeparated(value, address -> IPV4.matcher(address).matches() || isIpv6(address),
                address -> "FEED_TRUSTED_PROXIES must be a comma-separated list of IP addresses, got '" + address + "'");
    }

    /**
     * Whether {@code address} is an IPv6 literal. Only hex digits, colons and dots reach
     * {@link InetAddress#getByName}, which parses such a literal and never looks anything up.
     */
    private static boolean isIpv6(String address) {
        if (!IPV6.matcher(address).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(address) != null;
        } catch (UnknownHostException invalid) {
            return false;
        }
    }

    private static long longInteger(Map<String, String> env, String name, long fallback, long min, long max) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed < min || parsed > max) {
                throw new SettingsException(name + " must be between " + min + " and " + max + ", got " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new SettingsException(name + " must be a whole number, got '" + value + "'");
        }
    }

    private static String cacheControl(String value) {
        if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c >= 0x7f)) {
            throw new SettingsException("FEED_CACHE_CONTROL must be visible ASCII, without control characters");
        }
        if (!CACHE_DIRECTIVES.matcher(value).matches()) {
            throw new SettingsException("FEED_CACHE_CONTROL must be a comma-separated list of Cache-Control "
                    + "directives such as 'public, max-age=60', got '" + value + "'");
        }
        return value;
    }

    private static String baseUrl(String value) {
        String trimmed = value.strip();
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new SettingsException("FEED_BASE_URL must be an absolute http(s) URL without query or fragment, got '"
                        + value + "'");
            }
        } catch (URISyntaxException e) {
            throw new SettingsException("FEED_BASE_URL is not a valid URL: " + e.getMessage());
        }
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    private static int integer(Map<String, String> env, String name, int fallback, int min, int max) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < min || parsed > max) {
                throw new SettingsException(name + " must be between " + min + " and " + max + ", got " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new SettingsException(name + " must be a whole number, got '" + value + "'");
        }
    }

    private static Path directory(String name, String value) {
        try {
            return Path.of(value.strip());
        } catch (InvalidPathException e) {
            throw new SettingsException(name + " must be a directory path, got '" + value + "'");
        }
    }

    private static String text(Map<String, String> env, String name, String fallback) {
        String value = blankToNull(env.get(name));
        return value == null ? fallback : value.strip();
    }

    private static String xmlText(Map<String, String> env, String name, String fallback) {
        String value = text(env, name, fallback);
        int bad = XmlChars.firstInvalid(value);
        if (bad >= 0) {
            throw new SettingsException(name + " contains a character XML 1.0 cannot carry at position " + bad);
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
