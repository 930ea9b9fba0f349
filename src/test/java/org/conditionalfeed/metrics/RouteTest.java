package org.conditionalfeed.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every path is counted under one of a few fixed route names. */
class RouteTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "/feed.xml                       | feed",
        "/feed.atom                      | feed",
        "/feed.json                      | feed",
        "/categories/java/feed.xml       | feed",
        "/categories/java/feed.json      | feed",
        "/categories/feed.xml            | entry",
        "/categories/a/b/feed.xml        | entry",
        "/entries/feed.xml               | entry",
        "/feed.xml/extra                 | other",
        "/feed.xmlx                      | other",
        "''                              | entry",
        "/                               | entry",
        "/entries/42                     | entry",
        "/entries                        | entry",
        "/categories/java/               | entry",
        "/api/entries                    | api",
        "/api/media/7                    | api",
        "/apiary                         | other",
        "/admin                          | admin",
        "/admin/login                    | admin",
        "/media/3f2a/photo.jpg           | media",
        "/thumbs/320/3f2a.webp           | thumbs",
        "/assets/admin.0123456789.css    | assets",
        "/healthz                        | health",
        "/healthz/x                      | other",
        "/metrics                        | other",
        "/favicon.ico                    | other",
        "/wp-login.php                   | other",
        "/../../etc/passwd               | other",
    })
    void namesTheRouteOfAPath(String path, String route) {
        assertEquals(route, Route.of(path).tag());
    }
}
