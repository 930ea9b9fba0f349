package org.conditionalfeed.assets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetRegistryTest {

    @TempDir
    Path root;

    @Test
    void urlCarriesTheContentHashInThePath() throws Exception {
        AssetRegistry registry = registry("body { color: red; }");
        String path = registry.path("site.css");
        assertTrue(path.matches("/assets/site\\.[0-9a-f]{10}\\.css"), path);
        AssetRegistry.Asset asset = registry.find(path.substring("/assets/".length())).orElseThrow();
        assertEquals("text/css; charset=UTF-8", asset.identity().contentType());
        assertEquals("gzip", asset.gzip().contentEncoding());
    }

    @Test
    void changingAFileChangesItsUrlAndTheOldUrlFindsNothing() throws Exception {
        String before = registry("body { color: red; }").path("site.css");
        AssetRegistry changed = registry("body { color: blue; }");
        String after = changed.path("site.css");
        assertNotEquals(before, after);
        assertTrue(changed.find(before.substring("/assets/".length())).isEmpty());
        assertTrue(changed.find(after.substring("/assets/".length())).isPresent());
    }

    @Test
    void sameContentKeepsItsUrl() throws Exception {
        assertEquals(registry("a{}").path("site.css"), registry("a{}").path("site.css"));
    }

    @Test
    void missingAssetFailsAtStartUp() {
        assertThrows(IllegalStateException.class, () -> new AssetRegistry(getClass().getClassLoader(), "nowhere/",
                List.of("missing.css"), "/assets/"));
    }

    private AssetRegistry registry(String css) throws Exception {
        Path directory = Files.createDirectories(root.resolve("assets"));
        Files.writeString(directory.resolve("site.css"), css);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            return new AssetRegistry(loader, "assets/", List.of("site.css"), "/assets/");
        }
    }
}
