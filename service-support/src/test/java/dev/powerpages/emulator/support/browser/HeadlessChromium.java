package dev.powerpages.emulator.support.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The browser tests' one Chromium: Debian's {@code /usr/bin/chromium}, headless, driven by Selenium through Debian's
 * {@code /usr/bin/chromedriver}. Both paths are set explicitly so that Selenium Manager never downloads a browser or
 * driver. A test that asks for it is skipped on a machine with only a JDK, and fails there when
 * {@code POWERPAGES_TEST_TOOLS=required} (CI, {@code .ci/run}, installs them and sets it).
 */
public final class HeadlessChromium {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {}

    /**
     * Starts a browser with its profile under {@code profileDir} (a test's {@code @TempDir}); {@code options} adds the
     * test's own (a window size, browser logs). Call it in {@code @BeforeEach} and {@code quit()} the driver after.
     */
    public static WebDriver start(Path profileDir, Consumer<ChromeOptions> options) throws IOException {
        if (!(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))) {
            String missing = "The browser test needs Debian's /usr/bin/chromium and /usr/bin/chromedriver "
                    + "(apt-get install -y chromium chromium-driver)";
            assertThat(System.getenv("POWERPAGES_TEST_TOOLS")).as(missing).isNotEqualToIgnoringCase("required");
            assumeTrue(false, "Skipped: " + missing);
        }
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeOptions chrome = new ChromeOptions();
        chrome.setBinary(CHROMIUM.toString());
        chrome.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + Files.createDirectories(profileDir.resolve("chromium")));
        options.accept(chrome);
        return new ChromeDriver(service, chrome);
    }

    /** An option for {@link #start}: the browser keeps its console, for {@link #consoleErrors}. */
    public static void recordConsole(ChromeOptions options) {
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
    }

    /**
     * The console's errors since the last call (Chromium logs both an uncaught script error and a resource that failed
     * to load, such as a 404, as {@code SEVERE}); the browser must have been started with {@link #recordConsole}.
     */
    public static List<String> consoleErrors(WebDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(entry -> entry.getMessage())
                .toList();
    }
}
