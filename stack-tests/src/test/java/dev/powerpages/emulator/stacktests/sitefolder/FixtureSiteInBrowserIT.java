package dev.powerpages.emulator.stacktests.sitefolder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.support.browser.HeadlessChromium;
import dev.powerpages.emulator.testkit.PowerPagesStack;
import dev.powerpages.emulator.testkit.PowerPagesStackTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A site folder seen in a real browser: site-folder's {@code standard-full} fixture served through the whole stack,
 * every page an anonymous visitor may open loaded in Chromium. The browser reports no script error and no asset that
 * failed to load (its console says both, as {@code SEVERE}: an uncaught exception, a stylesheet, script or image
 * answered 404); the site's header (its navigation, the logo web file) and footer are there, and its script web file
 * ran.
 */
@PowerPagesStackTest(siteFolder = "../site-folder/src/test/resources/sites/standard-full")
class FixtureSiteInBrowserIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path profile;

    WebDriver browser;

    @BeforeEach
    void openTheBrowser() throws IOException {
        browser = HeadlessChromium.start(profile, HeadlessChromium::recordConsole);
    }

    @AfterEach
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void everyPublishedPageLoadsWithoutAScriptErrorOrAMissingAsset(PowerPagesStack stack) {
        List<String> pages = anonymousPages(stack);
        assertThat(pages)
                .as("the fixture's pages an anonymous visitor may open")
                .hasSizeGreaterThanOrEqualTo(3);

        for (String url : pages) {
            browser.get(stack.site().url(url).toString());

            // The browser asks for /favicon.ico on its own; a site without that web file answers 404 on the platform
            // too, and no page of the site asked for it.
            List<String> errors = HeadlessChromium.consoleErrors(browser).stream()
                    .filter(message -> !message.contains("/favicon.ico "))
                    .toList();
            assertThat(errors).as("%s: the browser's console errors", url).isEmpty();
            assertThat(browser.findElements(By.cssSelector("nav.navbar a")))
                    .as("%s: the header's navigation", url)
                    .isNotEmpty();
            assertThat(browser.findElements(By.tagName("footer")))
                    .as("%s: the footer", url)
                    .hasSize(1);
            JavascriptExecutor page = (JavascriptExecutor) browser;
            assertThat(page.executeScript("return document.images.length > 0"
                            + " && Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)"))
                    .as("%s: every image loaded (the logo web file)", url)
                    .isEqualTo(true);
            assertThat(page.executeScript("return !!(window.contoso && window.contoso.ready)"))
                    .as("%s: the site's script web file ran", url)
                    .isEqualTo(true);
        }
    }

    private static List<String> anonymousPages(PowerPagesStack stack) {
        JsonNode listing =
                JSON.readTree(stack.primary().get("/_services/site/urls").body());
        List<String> pages = new ArrayList<>();
        for (JsonNode page : listing.path("pages")) {
            if (page.path("anonymous").asInt() == 200) {
                pages.add(page.path("url").asString());
            }
        }
        return pages;
    }
}
