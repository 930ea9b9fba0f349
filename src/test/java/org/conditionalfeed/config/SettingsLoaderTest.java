package org.conditionalfeed.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        SettingsException refused = assertThrows(SettingsException.class,
                () -> SettingsLoader.load(Map.of("FEED_CACHE_CONTROL", value)));
        assertTrue(refused.getMessage().startsWith("FEED_CACHE_CONTROL "), refused.getMessage());
        assertEquals(1, refused.getMessage().lines().count(), "one line: " + refused.getMessage());
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
}
