package org.conditionalfeed.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.HeadlessChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The administrator's web UI in a real browser: Debian's headless Chromium, driven through
 * Debian's {@code chromedriver} ({@link HeadlessChromium}), against the real server. Proves what
 * the HTTP-level {@link AdminUiEndToEndTest} cannot: that the forms, redirects, cookies and CSRF
 * tokens work under the strict Content-Security-Policy, that the pages load without console
 * errors, and that a user's markup stays text. Writes screenshots of the entry list to
 * {@code target/}.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} (CI installs them); skips when
 * they are missing.
 */
@Tag("chromium")
class AdminBrowserTest {

    /** Surefire runs with the project directory as working directory. */
    private static final Path SCREENSHOTS = Path.of("target");
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @TempDir
    Path directory;
    private FeedServer server;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void start() {
        HeadlessChromium.assumeInstalled();
        server = FeedServer.start(directory.resolve("db"));
        ChromeOptions options = HeadlessChromium.options(directory.resolve("chromium-profile"));
        // Leave an unexpected alert open, so the test sees it instead of the driver dismissing it.
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
        browser = HeadlessChromium.start(options);
        wait = new WebDriverWait(browser, PATIENCE);
    }

    @AfterEach
    void stop() throws Exception {
        HeadlessChromium.quitThenClose(browser, server);
    }

    @Test
    void writingEditingAndDeletingInTheBrowserChangesTheFeed() {
        long keptId = server.createEntry("{\"title\":\"Kept entry\",\"content\":\"<p>stays</p>\"}");
        long doomedId = server.createEntry("{\"title\":\"Doomed entry\",\"content\":\"<p>goes</p>\"}");

        logIn();
        assertEquals("Entries", heading());
        assertTrue(browser.findElement(By.cssSelector("a[href$='/admin/edit/" + keptId + "']")).isDisplayed());

        browser.findElement(By.linkText("Write a new entry")).click();
        wait.until(ExpectedConditions.urlToBe(server.uri("/admin/new").toString()));
        type("title", "Written in a browser");
        type("categories", "browser\nselenium");
        type("content", "<p>Typed into a <em>real</em> browser.</p>");
        browser.findElement(By.cssSelector("button[name=action][value=preview]")).click();
        WebElement preview = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("iframe.preview")));
        browser.switchTo().frame(preview);
        assertEquals("real", browser.findElement(By.tagName("em")).getText(), "the preview renders the HTML");
        browser.switchTo().defaultContent();
        assertEquals("Written in a browser", browser.findElement(By.id("title")).getDomProperty("value"),
                "the preview keeps what was typed");
        browser.findElement(By.cssSelector("button[name=action][value=save]")).click();
        assertEquals("Published “Written in a browser”.", flash());
        assertEquals("Entries", heading());

        browser.findElement(By.xpath(row("Written in a browser") + "//a[normalize-space()='Edit']")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Edit entry"));
        assertEquals("browser\nselenium", browser.findElement(By.id("categories")).getDomProperty("value"));
        type("title", "Edited in a browser");
        browser.findElement(By.cssSelector("button[name=action][value=save]")).click();
        assertEquals("Saved “Edited in a browser”.", flash());
        assertTrue(browser.findElements(By.linkText("Written in a browser")).isEmpty());

        browser.findElement(By.xpath(row("Doomed entry") + "//a[normalize-space()='Delete']")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Delete this entry?"));
        browser.findElement(By.xpath("//main//button[normalize-space()='Delete']")).click();
        assertEquals("Deleted “Doomed entry”.", flash());
        assertTrue(browser.findElements(By.cssSelector("a[href$='/admin/edit/" + doomedId + "']")).isEmpty());
        assertNoConsoleErrors();

        HttpResponse<byte[]> response = server.get("/feed.xml");
        assertEquals(200, response.statusCode());
        SyndFeed feed = FeedServer.parseFeed(response.body());
        List<String> titles = feed.getEntries().stream().map(SyndEntry::getTitle).toList();
        assertEquals(List.of("Edited in a browser", "Kept entry"), titles);
        SyndEntry written = feed.getEntries().get(0);
        assertEquals(List.of("browser", "selenium"), written.getCategories().stream().map(SyndCategory::getName).toList());
        assertTrue(written.getDescription().getValue().contains("<em>real</em>"), written.getDescription().getValue());
    }

    @Test
    void contentTooLongIsStoppedBeforeSendingWithTheTextKept() {
        logIn();
        browser.navigate().to(server.uri("/admin/new").toString());
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Write an entry"));
        type("title", "Too long for one entry");
        WebElement content = browser.findElement(By.id("content"));
        // Typing a million characters would take minutes; a paste would put them there at once.
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = 'x'.repeat(999999) + '\\n';", content);
        browser.findElement(By.cssSelector("button[name=action][value=save]")).click();
        WebElement problem = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("content-error")));
        assertTrue(problem.getText().contains("1,000,001 characters long"), problem.getText());
        assertTrue(problem.getText().contains("at most 1,000,000"), problem.getText());
        assertEquals(server.uri("/admin/new").toString(), browser.getCurrentUrl(), "nothing was sent");
        assertEquals(1_000_000L, ((JavascriptExecutor) browser).executeScript("return arguments[0].value.length;", content),
                "the text is still there");

        ((JavascriptExecutor) browser).executeScript("arguments[0].value = 'x'.repeat(999999);", content);
        browser.findElement(By.cssSelector("button[name=action][value=save]")).click();
        assertEquals("Published “Too long for one entry”.", flash());
        assertNoConsoleErrors();
    }

    @Test
    void scriptInATitleShowsAsTextAndRunsNothing() {
        long id = server.createEntry("{\"title\":\"<script>alert(1)</script>\",\"content\":\"<p>x</p>\"}");

        logIn();
        assertNoAlert();
        WebElement link = browser.findElement(By.cssSelector("td:first-child a[href$='/admin/edit/" + id + "']"));
        assertEquals("<script>alert(1)</script>", link.getText());

        link.click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Edit entry"));
        assertNoAlert();
        assertEquals("<script>alert(1)</script>", browser.findElement(By.id("title")).getDomProperty("value"));

        browser.navigate().to(server.uri("/admin/delete/" + id).toString());
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Delete this entry?"));
        assertNoAlert();
        assertTrue(browser.findElement(By.tagName("main")).getText().contains("“<script>alert(1)</script>”"));
        assertNoConsoleErrors();
    }

    @Test
    void entryListFitsDesktopAndPhoneScreens() throws IOException {
        server.createEntry("{\"title\":\"A rather long entry title that has to wrap on a narrow phone screen\"}");
        server.createEntry("{\"title\":\"Short one\",\"categories\":[\"news\"]}");
        server.createEntry("{\"title\":\"https://example.org/an/unbroken/title/without/any/spaces/that/must/still/wrap/nicely\"}");
        logIn();
        assertEquals("Entries", heading());

        assertFitsWidth(1280);
        screenshot("admin-list.png");

        browser.manage().window().setSize(new Dimension(390, 844));
        wait.until(driver -> viewportWidth() == 390);
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Entries"));
        assertFitsWidth(390);
        for (WebElement action : browser.findElements(By.xpath("//td//a[.='Edit' or .='Delete']"))) {
            assertTrue(action.isDisplayed(), "every Edit and Delete link is reachable on a phone");
        }
        screenshot("admin-list-phone.png");
        assertNoConsoleErrors();
    }

    /** Opens the list, is sent to the login form, fills it in and lands on the list. */
    private void logIn() {
        browser.get(server.uri("/admin/").toString());
        wait.until(ExpectedConditions.urlToBe(server.uri("/admin/login").toString()));
        assertEquals("Log in", heading());
        type("username", "admin");
        type("password", FeedServer.ADMIN_PASSWORD);
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlToBe(server.uri("/admin/").toString()));
    }

    private void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private String heading() {
        return browser.findElement(By.tagName("h1")).getText();
    }

    /** Waits for the flash message that a redirect after a change shows, and returns it. */
    private String flash() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p.flash"))).getText();
    }

    /** XPath of the list row whose title link reads {@code title}. */
    private static String row(String title) {
        return "//tr[td[1]/a[normalize-space()='" + title + "']]";
    }

    private void assertNoAlert() {
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert(), "no script may run");
    }

    /** CSP violations, failed asset loads and script errors all reach the console as SEVERE. */
    private void assertNoConsoleErrors() {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
        assertEquals(List.of(), errors, "browser console errors");
    }

    private long viewportWidth() {
        return (Long) ((JavascriptExecutor) browser).executeScript("return window.innerWidth;");
    }

    /** Nothing sticks out sideways: the page never needs horizontal scrolling. */
    private void assertFitsWidth(long expectedViewport) {
        assertEquals(expectedViewport, viewportWidth());
        long scrollWidth = (Long) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth;");
        assertTrue(scrollWidth <= expectedViewport, "page is " + scrollWidth + "px wide in a " + expectedViewport
                + "px viewport");
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }
}
