package dev.powerpages.emulator.trafficmanager.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.support.browser.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard in a real browser ({@link HeadlessChromium}: Debian's Chromium, headless, through Debian's chromedriver).
 */
class DashboardBrowserTest extends DashboardTestSupport {

    @LocalServerPort
    int port;

    @TempDir
    Path profileDir;

    private WebDriver browser;

    @BeforeEach
    void startBrowser() throws IOException {
        browser = HeadlessChromium.start(profileDir, options -> options.addArguments("--window-size=1280,900"));
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
        wait.until(driver -> driver.findElement(By.id("endpoints"))
                .getDomProperty("innerHTML")
                .contains("<span class=\"s Online\">Online</span>"));
        wait.until(driver -> {
            String figures = driver.findElement(By.id("figures")).getDomProperty("innerHTML");
            return figures.contains("<dt>CDN hit ratio</dt><dd>n/a</dd>")
                    && figures.contains("<dt>WAF blocks</dt><dd>n/a</dd>");
        });
        assertThat(browser.findElement(By.id("nodes")).getText()).contains("northeurope", "westeurope");
        assertThat(browser.findElements(By.cssSelector("button[data-action='fail-health']")))
                .hasSize(2);
    }

    // The page re-renders its status parts on every pushed snapshot: read them through waits, which look
    // the element up again, never through a kept reference that the next snapshot makes stale (a snapshot
    // landing between a wait's look-up and its read is polled again).
    @Test
    void failingThePrimarysHealthFromTheControlsTurnsItDegradedOnThePage() {
        WebDriverWait wait = new WebDriverWait(browser, DETECTION);
        wait.ignoring(StaleElementReferenceException.class);
        browser.get("http://localhost:" + port + "/");

        wait.until(ExpectedConditions.textToBe(By.id("conn"), "Live"));
        wait.until(ExpectedConditions.textToBe(By.id("monitor-northeurope"), "Online"));
        wait.until(ExpectedConditions.textToBe(By.id("monitor-westeurope"), "Online"));
        wait.until(ExpectedConditions.textToBe(By.id("serving"), "northeurope"));

        browser.findElement(By.cssSelector("button[data-action='fail-health'][data-target='northeurope']"))
                .click();
        Alert askForKey = wait.until(ExpectedConditions.alertIsPresent());
        askForKey.sendKeys(ADMIN_KEY);
        askForKey.accept();

        wait.until(ExpectedConditions.textToBe(By.id("monitor-northeurope"), "Degraded"));
        wait.until(ExpectedConditions.attributeContains(By.id("monitor-northeurope"), "class", "tone-bad"));
        wait.until(ExpectedConditions.textToBe(By.id("serving"), "westeurope"));
        assertThat(browser.findElement(By.id("action-result")).getText())
                .isEqualTo("Fail health on northeurope: done (HTTP 200)");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("timeline"), "northeurope: Online \u2192 Degraded"));
        assertThat(primary.failingHealth()).isTrue();
    }
}
