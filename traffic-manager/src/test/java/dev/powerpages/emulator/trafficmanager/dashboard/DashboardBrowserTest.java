package dev.powerpages.emulator.trafficmanager.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard in a real browser: Debian's Chromium, headless, driven by Selenium through Debian's
 * chromedriver. Both paths are set explicitly so that Selenium Manager never downloads a browser or driver.
 */
class DashboardBrowserTest extends DashboardTestSupport {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @LocalServerPort
    int port;

    @TempDir
    Path profileDir;

    private WebDriver browser;

    @BeforeEach
    void startBrowser() throws IOException {
        if (!(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))) {
            String missing = "The browser test needs Debian's /usr/bin/chromium and /usr/bin/chromedriver "
                    + "(apt-get install -y chromium chromium-driver)";
            // Skipped on a machine with only a JDK; CI (.ci/run) installs them and sets POWERPAGES_TEST_TOOLS=required.
            assertThat(System.getenv("POWERPAGES_TEST_TOOLS")).as(missing).isNotEqualToIgnoringCase("required");
            assumeTrue(false, "Skipped: " + missing);
        }
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,900",
                "--user-data-dir=" + Files.createDirectories(profileDir.resolve("chromium")));
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void rendersTheProfileItsEndpointsAndNotAvailableFigures() {
        gatewayWithoutEdgeApis();
        WebDriverWait wait = new WebDriverWait(browser, DETECTION);
        browser.get("http://localhost:" + port + "/");

        wait.until(ExpectedConditions.textToBe(By.id("conn"), "Live"));
        wait.until(ExpectedConditions.textToBe(By.id("fqdn"), "contoso.trafficmanager.net"));
        wait.until(ExpectedConditions.attributeContains(By.id("profile-link"), "href", "/api/profiles/contoso"));
        wait.until(driver -> driver.findElement(By.id("endpoints")).getDomProperty("innerHTML")
                .contains("<span class=\"s Online\">Online</span>"));
        wait.until(driver -> {
            String figures = driver.findElement(By.id("figures")).getDomProperty("innerHTML");
            return figures.contains("<dt>CDN hit ratio</dt><dd>n/a</dd>") && figures.contains("<dt>WAF blocks</dt><dd>n/a</dd>");
        });
        assertThat(browser.findElement(By.id("nodes")).getText()).contains("northeurope", "westeurope");
        assertThat(browser.findElements(By.cssSelector("button[data-action='fail-health']"))).hasSize(2);
    }

    // The page re-renders its status parts on every pushed snapshot: read them through waits, which look
    // the element up again, never through a kept reference that the next snapshot makes stale.
    @Test
    void failingThePrimarysHealthFromTheControlsTurnsItDegradedOnThePage() {
        WebDriverWait wait = new WebDriverWait(browser, DETECTION);
        browser.get("http://localhost:" + port + "/");

        wait.until(ExpectedConditions.textToBe(By.id("conn"), "Live"));
        wait.until(ExpectedConditions.textToBe(By.id("monitor-northeurope"), "Online"));
        wait.until(ExpectedConditions.textToBe(By.id("monitor-westeurope"), "Online"));
        wait.until(ExpectedConditions.textToBe(By.id("serving"), "northeurope"));

        browser.findElement(By.cssSelector("button[data-action='fail-health'][data-target='northeurope']")).click();
        Alert askForKey = wait.until(ExpectedConditions.alertIsPresent());
        askForKey.sendKeys(ADMIN_KEY);
        askForKey.accept();

        wait.until(ExpectedConditions.textToBe(By.id("monitor-northeurope"), "Degraded"));
        wait.until(ExpectedConditions.attributeContains(By.id("monitor-northeurope"), "class", "tone-bad"));
        wait.until(ExpectedConditions.textToBe(By.id("serving"), "westeurope"));
        assertThat(browser.findElement(By.id("action-result")).getText())
                .isEqualTo("Fail health on northeurope: done (HTTP 200)");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"),
                "northeurope: Online \u2192 Degraded"));
        assertThat(primary.failingHealth()).isTrue();
    }
}
