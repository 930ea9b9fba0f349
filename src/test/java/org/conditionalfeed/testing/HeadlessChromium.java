package org.conditionalfeed.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium, driven through Debian's {@code chromedriver}, for tests tagged
 * {@code chromium}. Nothing is downloaded: the driver executable is given explicitly, so Selenium
 * Manager never runs. Each browser gets its own profile directory, so its HTTP cache and cookies
 * start empty and die with the test's {@code @TempDir}. Quit the driver in teardown
 * ({@link #quitThenClose}).
 */
public final class HeadlessChromium {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /** Skips the calling test, saying what to install, when Chromium or its driver is missing. */
    public static void assumeInstalled() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium not installed: apt-get install chromium chromium-driver");
    }

    /** Options for a quiet headless browser that keeps its profile in {@code profile}; add to them freely. */
    public static ChromeOptions options(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900",
                "--user-data-dir=" + profile.toAbsolutePath());
        return options;
    }

    /** Starts a browser with these options on a driver listening on a free port. */
    public static ChromeDriver start(ChromeOptions options) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /**
     * Teardown: quits the browser, then closes the other resources in order, each even when an
     * earlier one failed; {@code null}s, never started because the test was skipped, are passed over.
     */
    public static void quitThenClose(WebDriver browser, AutoCloseable... resources) throws Exception {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            closeFrom(resources, 0);
        }
    }

    private static void closeFrom(AutoCloseable[] resources, int first) throws Exception {
        if (first < resources.length) {
            try {
                if (resources[first] != null) {
                    resources[first].close();
                }
            } finally {
                closeFrom(resources, first + 1);
            }
        }
    }
}
