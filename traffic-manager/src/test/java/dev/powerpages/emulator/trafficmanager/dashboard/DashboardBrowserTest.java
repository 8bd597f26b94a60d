package dev.powerpages.emulator.trafficmanager.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.support.browser.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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
        browser = HeadlessChromium.start(profileDir, options -> {
            options.addArguments("--window-size=1280,900");
            HeadlessChromium.recordConsole(options);
        });
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

    /**
     * The charts' own data, read from the uPlot instances the page keeps in {@code window.ppDashboardCharts}: for
     * each chart, its series' labels and, per series, the figures it draws (time axis first).
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> chartData(String chart) {
        return (Map<String, Object>) ((JavascriptExecutor) browser)
                .executeScript(
                        "const c = window.ppDashboardCharts && window.ppDashboardCharts[arguments[0]];"
                                + "return c ? {labels: c.plot.series.map(s => s.label || ''), data: c.plot.data} : null;",
                        chart);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> series(Map<String, Object> chart, String label) {
        List<String> labels = (List<String>) chart.get("labels");
        int index = labels.indexOf(label);
        assertThat(index).as("series " + label + " in " + labels).isPositive();
        return ((List<List<Object>>) chart.get("data")).get(index);
    }

    private static boolean hasFigureAbove(List<Object> column, double floor) {
        return column.stream().anyMatch(v -> v instanceof Number n && n.doubleValue() > floor);
    }

    @Test
    void afterTrafficTheChartsDrawEveryRegionInstanceFailuresAndP95() {
        WebDriverWait wait = new WebDriverWait(browser, DETECTION);
        wait.ignoring(StaleElementReferenceException.class);
        browser.get("http://localhost:" + port + "/");
        wait.until(ExpectedConditions.textToBe(By.id("conn"), "Live"));

        wait.until(driver -> {
            Map<String, Object> rate = chartData("chart-rate");
            Map<String, Object> failed = chartData("chart-failed");
            Map<String, Object> p95 = chartData("chart-p95");
            return rate != null
                    && failed != null
                    && p95 != null
                    && hasFigureAbove(series(rate, "northeurope"), PRIMARY_RPS / 2)
                    && hasFigureAbove(series(rate, "northeurope-1"), INSTANCE_RPS / 2)
                    && hasFigureAbove(series(failed, "failed/s"), 0)
                    && hasFigureAbove(series(p95, "p95 ms"), 100);
        });
        Map<String, Object> rate = chartData("chart-rate");
        assertThat((List<String>) rate.get("labels")).contains("westeurope", "northeurope-2", "westeurope-1");
        assertThat(series(rate, "northeurope-2"))
                .isNotEmpty()
                .allSatisfy(v -> assertThat(v).isIn(0.0, 0L, 0, null));

        // the instances in their region's box, each with its own controls
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("instance-northeurope-2"), "Healthy"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("node-northeurope"), "northeurope-1"));
        assertThat(browser.findElements(By.cssSelector("button[data-action='instance-crash']")))
                .extracting(b -> b.getDomAttribute("data-target"))
                .containsExactly("northeurope-1", "northeurope-2", "westeurope-1");
        assertThat(HeadlessChromium.consoleErrors(browser)).isEmpty();
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
