package org.conditionalfeed.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.conditionalfeed.testing.AccessLog;
import org.conditionalfeed.testing.BrowsedSite;
import org.conditionalfeed.testing.Jpegs;
import org.conditionalfeed.testing.MediaUploads;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An entry page with a library image in Debian's headless Chromium ({@link BrowsedSite}):
 * the browser picks a thumbnail from the {@code srcset} and shows it, and on a reload the
 * thumbnail is not downloaded again: served from the browser's cache (the access log shows no
 * second request) or revalidated with a {@code 304}. The server's {@code FEED_BASE_URL} is its own
 * address, so the absolute thumbnail URLs reach it.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} (CI installs them); skips when
 * they are missing.
 */
@Tag("chromium")
class EntryPageThumbnailsBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @RegisterExtension
    final BrowsedSite site = new BrowsedSite();

    @Test
    void theBrowserShowsAThumbnailAndDoesNotDownloadItAgainOnReload() throws Exception {
        JsonNode photo = MediaUploads.upload(site.server(), Jpegs.photo(2400, 1200), "image/jpeg", "panorama.jpg");
        long id = site.server().createEntry(EntryPageImagesEndToEndTest.JSON.writeValueAsString(Map.of("title", "Panorama",
                "content", "<p><img src=\"" + photo.get("url").asText() + "\" alt=\"Panorama\"></p>")));
        List<String> thumbnails = new ArrayList<>();
        photo.get("thumbnails").forEach(url -> thumbnails.add(url.asText()));

        site.browser().navigate().to(site.server().uri("/entries/" + id).toString());
        String shown = awaitLoadedImage();
        assertTrue(thumbnails.contains(shown), "currentSrc " + shown + " is one of " + thumbnails);
        String path = URI.create(shown).getPath();
        List<AccessLog.Request> first = site.accessLog().await(request -> request.target().equals(path), 1);
        assertEquals(200, first.get(0).status(), first.toString());

        site.browser().navigate().refresh();
        assertEquals(shown, awaitLoadedImage(), "the same thumbnail after the reload");
        // The reload's page request is logged before its images are asked for: wait for it, then
        // for anything the browser sent for the thumbnail.
        site.accessLog().await(request -> request.target().equals("/entries/" + id), 2);
        Thread.sleep(500);
        List<AccessLog.Request> all = site.accessLog().requests(request -> request.target().equals(path));
        assertEquals(200, all.get(0).status(), all.toString());
        assertTrue(all.stream().skip(1).allMatch(request -> request.status() == 304),
                "after the first download, only revalidations: " + all);
    }

    /** Waits until the page's image has loaded with pixels; returns its {@code currentSrc}. */
    private String awaitLoadedImage() {
        WebElement img = new WebDriverWait(site.browser(), PATIENCE).until(driver -> {
            WebElement found = driver.findElement(By.cssSelector("img[alt=Panorama]"));
            Object loaded = ((JavascriptExecutor) driver).executeScript(
                    "return arguments[0].complete && arguments[0].naturalWidth > 0;", found);
            return Boolean.TRUE.equals(loaded) ? found : null;
        });
        Object naturalWidth = ((JavascriptExecutor) site.browser()).executeScript("return arguments[0].naturalWidth;", img);
        assertTrue(((Number) naturalWidth).longValue() > 0, "naturalWidth " + naturalWidth);
        return (String) ((JavascriptExecutor) site.browser()).executeScript("return arguments[0].currentSrc;", img);
    }
}
