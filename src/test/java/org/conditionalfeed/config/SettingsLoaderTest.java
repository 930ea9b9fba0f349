package org.conditionalfeed.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where the settings come from (environment variables, overridden by {@code FEED_*} system
 * properties) and the feed's {@code Cache-Control} setting: the default, the values accepted and
 * those refused.
 */
class SettingsLoaderTest {

    private static Properties properties(String... namesAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            properties.setProperty(namesAndValues[i], namesAndValues[i + 1]);
        }
        return properties;
    }

    @Test
    void environmentVariableAppliesWithoutSystemProperty() {
        Settings settings = SettingsLoader.load(Map.of("FEED_TITLE", "From the environment"), properties());
        assertEquals("From the environment", settings.title());
    }

    @Test
    void systemPropertyWinsOverEnvironmentVariable() {
        Settings settings = SettingsLoader.load(Map.of("FEED_DB_URL", "jdbc:h2:file:/env/feed"),
                properties("FEED_DB_URL", "jdbc:h2:file:/property/feed", "FEED_BASE_URL", "https://example.org/blog/"));
        assertEquals("jdbc:h2:file:/property/feed", settings.dbUrl());
        assertEquals("https://example.org/blog", settings.publicBaseUrl());
    }

    @Test
    void emptySystemPropertyLeavesTheEnvironmentVariable() {
        Settings settings = SettingsLoader.load(Map.of("FEED_MAX_ITEMS", "7"), properties("FEED_MAX_ITEMS", " "));
        assertEquals(7, settings.maxItems());
    }

    @Test
    void onlyFeedSystemPropertiesAreRead() {
        Settings settings = SettingsLoader.load(Map.of(), properties("feed_title", "lower case", "TITLE", "no prefix"));
        assertEquals(SettingsLoader.DEFAULT_TITLE, settings.title());
    }

    @Test
    void badSystemPropertyIsRefusedByName() {
        SettingsException refused = assertThrows(SettingsException.class,
                () -> SettingsLoader.load(Map.of(), properties("FEED_MAX_ITEMS", "many")));
        assertTrue(refused.getMessage().contains("FEED_MAX_ITEMS"), refused.getMessage());
    }

    @Test
    void feedCacheControlDefaultsToPrivateRevalidation() {
        assertEquals("private, must-revalidate, max-age=0", SettingsLoader.load(Map.of()).feedCacheControl());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"", "   ", "\t"})
    void emptyFeedCacheControlCountsAsUnset(String value) {
        assertEquals(SettingsLoader.DEFAULT_FEED_CACHE_CONTROL,
                SettingsLoader.load(Map.of("FEED_CACHE_CONTROL", value)).feedCacheControl());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "public, max-age=60",
        "public, no-cache",
        "public,max-age=60,stale-while-revalidate=30",
        "no-store",
        "s-maxage=300, public",
        "private=\"Set-Cookie, X-Token\", max-age=0",
        "ext=\"a \\\"quoted\\\" word\"",
    })
    void acceptsCacheControlDirectives(String value) {
        assertEquals(value, SettingsLoader.load(Map.of("FEED_CACHE_CONTROL", value)).feedCacheControl());
    }

    @Test
    void surroundingWhitespaceIsDropped() {
        assertEquals("public, max-age=60",
                SettingsLoader.load(Map.of("FEED_CACHE_CONTROL", "  public, max-age=60 \n")).feedCacheControl());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {
        "public\r\nSet-Cookie: a=b",
        "public\nmax-age=60",
        "public, max-age=60\u0000",
        "public, max-age=\u0007",
        "public, max-age=60\u007f",
        "public, caf\u00e9",
        ",",
        "public,,max-age=60",
        "public, max-age=",
        "max-age=\"unterminated",
        "public; max-age=60",
        "public max-age=60",
        "=60",
    })
    void refusesWhatIsNotAListOfDirectives(String value) {
        assertRefusedInOneLine("FEED_CACHE_CONTROL", value);
    }

    @Test
    void noTrustedProxiesByDefault() {
        assertEquals(List.of(), SettingsLoader.load(Map.of()).trustedProxies());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "127.0.0.1                     | 127.0.0.1",
        "' 10.0.0.5 , 192.168.1.20 '   | 10.0.0.5 192.168.1.20",
        "::1                           | ::1",
        "2001:db8::7,203.0.113.9       | 2001:db8::7 203.0.113.9",
        "::ffff:10.0.0.1               | ::ffff:10.0.0.1",
        "'10.0.0.1,,10.0.0.2,'         | 10.0.0.1 10.0.0.2",
        "'   '                         | ''",
    })
    void acceptsTrustedProxyAddresses(String value, String expected) {
        List<String> proxies = expected.isEmpty() ? List.of() : List.of(expected.split(" "));
        assertEquals(proxies, SettingsLoader.load(Map.of("FEED_TRUSTED_PROXIES", value)).trustedProxies());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {
        "proxy.example.org",
        "localhost",
        "10.0.0.0/8",
        "10.0.0.256",
        "10.0.0",
        "10.0.0.1.2",
        "10.0.0.1 10.0.0.2",
        "*",
        ".*",
        "10\\.0\\.0\\.1",
        "::::",
        "1:2:3",
        "2001:db8::g",
        "fe80::1%eth0",
        "127.0.0.1;10.0.0.1",
    })
    void refusesWhatIsNotAListOfAddresses(String value) {
        assertRefusedInOneLine("FEED_TRUSTED_PROXIES", value);
    }

    /** Loading {@code variable=value} stops with a one-line message that starts with the variable's name. */
    private static void assertRefusedInOneLine(String variable, String value) {
        SettingsException refused = assertThrows(SettingsException.class,
                () -> SettingsLoader.load(Map.of(variable, value)));
        assertTrue(refused.getMessage().startsWith(variable + " "), refused.getMessage());
        assertEquals(1, refused.getMessage().lines().count(), "one line: " + refused.getMessage());
    }

    @Test
    void mediaMaxBytesDefaultsTo512MiB() {
        assertEquals(536_870_912L, SettingsLoader.load(Map.of(), properties()).mediaMaxBytes());
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"1, 1", "5000, 5000", "' 1048576 ', 1048576",
        "10737418240, 10737418240"})
    void acceptsMediaMaxBytes(String value, long expected) {
        assertEquals(expected, SettingsLoader.load(Map.of("FEED_MEDIA_MAX_BYTES", value), properties()).mediaMaxBytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "many", "1.5", "512MiB", "99999999999999999999"})
    void refusesMediaMaxBytesThatIsNotAPositiveWholeNumber(String value) {
        SettingsException refused = assertThrows(SettingsException.class,
                () -> SettingsLoader.load(Map.of("FEED_MEDIA_MAX_BYTES", value), properties()));
        assertTrue(refused.getMessage().contains("FEED_MEDIA_MAX_BYTES"), refused.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:h2:file:./data/feed                      | | data/media-cache",
        "jdbc:h2:file:/var/lib/feed/feed;WRITE_DELAY=0 | | /var/lib/feed/media-cache",
        "jdbc:h2:/srv/feed/db                          | | /srv/feed/media-cache",
        "jdbc:h2:file:feed                             | | media-cache",
        "jdbc:h2:mem:feed                              | | (servlet context temp dir)",
        "jdbc:h2:tcp://db.example.org/feed             | | (servlet context temp dir)",
        "jdbc:postgresql://db.example.org:5432/feed    | | (servlet context temp dir)",
        "jdbc:postgresql://db.example.org:5432/feed    | /var/cache/feed | /var/cache/feed",
        "jdbc:h2:file:./data/feed                      | ' /var/cache/feed ' | /var/cache/feed",
    })
    void mediaCacheDirDefaultsToBesideAnH2FileDatabase(String dbUrl, String cacheDir, String expected) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("FEED_DB_URL", dbUrl));
        if (cacheDir != null) {
            env.put("FEED_MEDIA_CACHE_DIR", cacheDir);
        }
        assertEquals(expected, SettingsLoader.load(env, properties()).mediaCacheDir()
                .map(path -> path.normalize().toString()).orElse("(servlet context temp dir)"));
    }

    @ParameterizedTest
    @CsvSource({"'', 1073741824", "0, 0", "1048576, 1048576", "' 10737418240 ', 10737418240"})
    void mediaCacheMaxBytesDefaultsTo1GiBAndZeroTurnsItOff(String value, long expected) {
        assertEquals(expected, SettingsLoader.load(Map.of("FEED_MEDIA_CACHE_MAX_BYTES", value), properties())
                .mediaCacheMaxBytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1GiB", "lots", "1.5"})
    void refusesAMediaCacheMaxBytesThatIsNotAWholeNumber(String value) {
        SettingsException refused = assertThrows(SettingsException.class,
                () -> SettingsLoader.load(Map.of("FEED_MEDIA_CACHE_MAX_BYTES", value), properties()));
        assertTrue(refused.getMessage().startsWith("FEED_MEDIA_CACHE_MAX_BYTES "), refused.getMessage());
    }

    @Test
    void politePollingAndMetricsAreOffByDefault() {
        Settings settings = SettingsLoader.load(Map.of(), properties());
        assertEquals(0, settings.minPollSeconds());
        assertEquals(0, settings.minUnconditionalPollSeconds());
        assertTrue(settings.metricsToken().isEmpty());
    }

    @ParameterizedTest(name = "[{index}] {0}={1}, {2}={3}")
    @CsvSource({
        "FEED_MIN_POLL_SECONDS, 1, FEED_MIN_UNCONDITIONAL_POLL_SECONDS, ''",
        "FEED_MIN_POLL_SECONDS, ' 900 ', FEED_MIN_UNCONDITIONAL_POLL_SECONDS, 3600",
        "FEED_MIN_POLL_SECONDS, 86400, FEED_MIN_UNCONDITIONAL_POLL_SECONDS, 86400",
        "FEED_MIN_POLL_SECONDS, '', FEED_MIN_UNCONDITIONAL_POLL_SECONDS, 600",
        "FEED_MIN_POLL_SECONDS, 60, FEED_MIN_UNCONDITIONAL_POLL_SECONDS, 60",
    })
    void acceptsPollIntervals(String poll, String pollValue, String unconditional, String unconditionalValue) {
        Settings settings = SettingsLoader.load(Map.of(poll, pollValue, unconditional, unconditionalValue), properties());
        assertEquals(pollValue.isBlank() ? 0 : Integer.parseInt(pollValue.strip()), settings.minPollSeconds());
        assertEquals(unconditionalValue.isBlank() ? 0 : Integer.parseInt(unconditionalValue),
                settings.minUnconditionalPollSeconds());
    }

    @ParameterizedTest(name = "[{index}] {0}={1}")
    @CsvSource({
        "FEED_MIN_POLL_SECONDS, 0",
        "FEED_MIN_POLL_SECONDS, -5",
        "FEED_MIN_POLL_SECONDS, 86401",
        "FEED_MIN_POLL_SECONDS, 15m",
        "FEED_MIN_POLL_SECONDS, 1.5",
        "FEED_MIN_UNCONDITIONAL_POLL_SECONDS, 0",
        "FEED_MIN_UNCONDITIONAL_POLL_SECONDS, 100000",
        "FEED_MIN_UNCONDITIONAL_POLL_SECONDS, often",
    })
    void refusesPollIntervalsOutsideOneSecondToADay(String variable, String value) {
        assertRefusedInOneLine(variable, value);
    }

    @Test
    void refusesAnUnconditionalIntervalShorterThanTheInterval() {
        SettingsException refused = assertThrows(SettingsException.class, () -> SettingsLoader.load(
                Map.of("FEED_MIN_POLL_SECONDS", "900", "FEED_MIN_UNCONDITIONAL_POLL_SECONDS", "300"), properties()));
        assertTrue(refused.getMessage().startsWith("FEED_MIN_UNCONDITIONAL_POLL_SECONDS "), refused.getMessage());
        assertTrue(refused.getMessage().contains("FEED_MIN_POLL_SECONDS (900)"), refused.getMessage());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"0123456789abcdef", "  3q2-7_~.+/AbCdEfGh==  ",
        "f3b1a9c2d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d"})
    void acceptsMetricsTokens(String value) {
        assertEquals(value.strip(), SettingsLoader.load(Map.of("FEED_METRICS_TOKEN", value), properties())
                .metricsToken().orElseThrow());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"short", "0123456789abcde", "0123456789 abcdef", "0123456789abcdef\"", "0123456789abcdef=x",
        "t\u00f6ken0123456789abc", "0123456789abcdef\r\nX-Evil: 1"})
    void refusesMetricsTokensThatAreShortOrNotBearerTokens(String value) {
        assertRefusedInOneLine("FEED_METRICS_TOKEN", value);
    }

    @Test
    void settingsNeverShowTheMetricsToken() {
        Settings settings = SettingsLoader.load(Map.of("FEED_METRICS_TOKEN", "secret-0123456789abcdef"), properties());
        assertTrue(settings.toString().contains("metrics=on"), settings.toString());
        assertTrue(!settings.toString().contains("secret-0123456789abcdef"), settings.toString());
    }

    @Test
    void noWebSubHubsAndThirtyDaysOfReaderReportByDefault() {
        Settings settings = SettingsLoader.load(Map.of(), properties());
        assertEquals(List.of(), settings.websubHubs());
        assertEquals(30, settings.readerReportDays());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "https://pubsubhubbub.appspot.com/|https://pubsubhubbub.appspot.com/",
        "' https://a.example/hub , http://127.0.0.1:9/hub?x=1 '|https://a.example/hub,http://127.0.0.1:9/hub?x=1",
        "https://a.example/hub,https://a.example/hub,|https://a.example/hub",
    })
    void acceptsWebSubHubs(String value, String expected) {
        assertEquals(List.of(expected.split(",")),
                SettingsLoader.load(Map.of("FEED_WEBSUB_HUBS", value), properties()).websubHubs());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"pubsubhubbub.appspot.com", "ftp://hub.example/", "https://hub.example/#top",
        "https:///nohost", "https://hub.example/<x>", "https://ok.example/, mailto:x@example.org"})
    void refusesWebSubHubsThatAreNotHttpUrls(String value) {
        assertRefusedInOneLine("FEED_WEBSUB_HUBS", value);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource({"0, 0", "1, 1", "' 90 ', 90", "366, 366"})
    void acceptsReaderReportDays(String value, int expected) {
        assertEquals(expected, SettingsLoader.load(Map.of("FEED_READER_REPORT_DAYS", value), properties())
                .readerReportDays());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"-1", "367", "a month", "1.5"})
    void refusesReaderReportDaysOutsideAYear(String value) {
        assertRefusedInOneLine("FEED_READER_REPORT_DAYS", value);
    }

    @Test
    void feedItemMaxBytesDefaultsTo64KiB() {
        assertEquals(65_536, SettingsLoader.load(Map.of()).feedItemMaxBytes());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource({"1024, 1024", "65536, 65536", "' 200000 ', 200000", "1000000, 1000000", "'', 65536"})
    void acceptsFeedItemMaxBytes(String value, int expected) {
        assertEquals(expected, SettingsLoader.load(Map.of("FEED_ITEM_MAX_BYTES", value)).feedItemMaxBytes());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"1023", "0", "-1", "1000001", "64k", "1e6", "2147483648"})
    void refusesFeedItemMaxBytesOutOfRange(String value) {
        SettingsException refused = assertThrows(SettingsException.class,
                () -> SettingsLoader.load(Map.of("FEED_ITEM_MAX_BYTES", value)));
        assertTrue(refused.getMessage().startsWith("FEED_ITEM_MAX_BYTES "), refused.getMessage());
        assertEquals(1, refused.getMessage().lines().count(), "one line: " + refused.getMessage());
    }

    @Test
    void feedLanguageDefaultsToEnglish() {
        assertEquals("en", SettingsLoader.load(Map.of()).language());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource({"en, en", "de-CH, de-CH", "EN-us, en-US", "' fr ', fr", "zh-Hant-TW, zh-Hant-TW", "gsw, gsw",
        "'', en"})
    void acceptsBcp47LanguageTags(String value, String expected) {
        assertEquals(expected, SettingsLoader.load(Map.of("FEED_LANGUAGE", value)).language());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"english", "en_US", "en-", "x", "1234", "i-klingon", "en US", "de-CH-", "-en"})
    void refusesWhatIsNotABcp47LanguageTag(String value) {
        assertRefusedInOneLine("FEED_LANGUAGE", value);
    }
}
