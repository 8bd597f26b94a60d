package dev.powerpages.emulator.appnode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.support.browser.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A site page whose script uses the portals Web API as Microsoft's {@code safeAjax} wrapper does, in a real browser
 * (Debian's Chromium, headless, through Debian's chromedriver; skipped where they are missing, required in CI): the
 * token comes from {@code /_layout/tokenhtml} through {@code shell.getTokenDeferred()}, the create succeeds and is
 * read back, and the same call without the token is refused with 401 {@code 90040107}.
 */
class SafeAjaxBrowserTest extends FakeStoreTestSupport {

    @TempDir
    Path profileDir;

    private WebDriver browser;

    @BeforeEach
    void startBrowser() throws IOException {
        browser = HeadlessChromium.start(profileDir, HeadlessChromium::recordConsole);
    }

    @AfterEach
    void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aPageScriptCreatesAndReadsThroughTheWebApiWithTheSafeAjaxTokenAndIsRefusedWithoutIt() {
        browser.get("http://localhost:" + port + "/webapi/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        wait.until(ExpectedConditions.textMatches(
                By.id("created"), java.util.regex.Pattern.compile("^204 [0-9a-f-]{36}$")));
        wait.until(ExpectedConditions.textToBe(By.id("read"), "Browser Visitor"));
        wait.until(ExpectedConditions.textToBe(By.id("refused"), "401 90040107"));

        assertThat(STORE.rows("contacts"))
                .anyMatch(row -> "Browser Visitor".equals(row.get("fullname")))
                .noneMatch(row -> "No Token".equals(row.get("fullname")));
        List<String> errors = HeadlessChromium.consoleErrors(browser).stream()
                // The refused call is meant to fail: Chromium logs its 401 as a failed resource.
                .filter(message -> !message.contains("401"))
                .toList();
        assertThat(errors).as("JavaScript errors on the page").isEmpty();
    }
}
