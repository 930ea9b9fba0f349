package org.conditionalfeed.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.conditionalfeed.testing.AccessLog;
import org.conditionalfeed.testing.BrowsedSite;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The public pages in Debian's headless Chromium ({@link BrowsedSite}): a reader pages
 * through the home page, follows a category and an entry, and finds each format's feed announced
 * in the head; a reload revalidates the page ({@code 304} in the access log, the same entries
 * shown) until an entry is added, then shows it. The server's {@code FEED_BASE_URL} is its own
 * address, so the pages' absolute links reach it.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} (CI installs them); skips when
 * they are missing.
 */
@Tag("chromium")
class PublicPagesBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @RegisterExtension
    final BrowsedSite site = new BrowsedSite();

    @Test
    void aReaderPagesThroughTheBlogAndAReloadRevalidates() throws Exception {
        for (int i = 1; i <= 25; i++) {
            site.server().createEntry("{\"title\":\"Entry " + i + "\",\"content\":\"<p>Words of entry " + i + "</p>\""
                    + (i % 2 == 1 ? ",\"categories\":[\"odd & more\"]" : "") + "}");
        }
        site.browser().navigate().to(site.base() + "/");
        assertEquals(20, titles().size());
        assertEquals("Entry 25", titles().get(0));
        assertEquals(List.of(site.base() + "/feed.xml", site.base() + "/feed.atom", site.base() + "/feed.json"), alternates());

        click(By.cssSelector("a[rel=next]"));
        assertEquals(List.of("Entry 5", "Entry 4", "Entry 3", "Entry 2", "Entry 1"), titles());
        click(By.cssSelector("a[rel=prev]"));
        assertEquals("Entry 25", titles().get(0));

        click(By.linkText("odd & more"));
        String category = site.base() + "/categories/odd%20%26%20more/";
        assertEquals(category, site.browser().getCurrentUrl());
        assertEquals(List.of("Entry 25", "Entry 23", "Entry 21"), titles().subList(0, 3));
        assertEquals(List.of(category + "feed.xml", category + "feed.atom", category + "feed.json"), alternates());

        click(By.linkText("Entry 23"));
        assertEquals(site.base() + "/entries/23", site.browser().getCurrentUrl());
        assertTrue(site.browser().findElement(By.tagName("body")).getText().contains("Words of entry 23"));

        // The home page was fetched once, then asked for again by the "Newer entries" link, now
        // by address and by a reload: after the first download, only revalidations.
        site.browser().navigate().to(site.base() + "/");
        site.browser().navigate().refresh();
        List<AccessLog.Request> home = site.accessLog().await(request -> request.target().equals("/"), 4);
        assertEquals(200, home.get(0).status(), home.toString());
        assertTrue(home.stream().skip(1).allMatch(request -> request.status() == 304), "revalidated: " + home);
        assertEquals("Entry 25", titles().get(0), "the cached page is shown");

        site.server().createEntry("{\"title\":\"Entry 26\"}");
        site.browser().navigate().refresh();
        List<AccessLog.Request> changed = site.accessLog().await(request -> request.target().equals("/"), 5);
        assertEquals(200, changed.get(4).status(), changed.toString());
        new WebDriverWait(site.browser(), PATIENCE).until(driver -> titles().get(0).equals("Entry 26"));
    }

    private void click(By link) {
        WebElement element = new WebDriverWait(site.browser(), PATIENCE).until(ExpectedConditions.elementToBeClickable(link));
        String before = site.browser().getCurrentUrl();
        element.click();
        new WebDriverWait(site.browser(), PATIENCE).until(driver -> !driver.getCurrentUrl().equals(before));
    }

    private List<String> titles() {
        return site.browser().findElements(By.cssSelector("article h2 a")).stream().map(WebElement::getText).toList();
    }

    private List<String> alternates() {
        return site.browser().findElements(By.cssSelector("head link[rel=alternate]")).stream()
                .map(link -> link.getAttribute("href")).toList();
    }
}
