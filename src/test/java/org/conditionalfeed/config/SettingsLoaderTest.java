package org.conditionalfeed.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Where the settings come from: environment variables, overridden by {@code FEED_*} system properties. */
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
}
