package dev.arrears.browser;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A headless Chromium for the browser tests, one per test class: Debian's {@code /usr/bin/chromium} driven by its
 * {@code /usr/bin/chromedriver} (other paths through {@code ARREARS_CHROMIUM} and {@code ARREARS_CHROMEDRIVER}),
 * with a fresh profile in a temporary directory. When either is missing the tests are skipped with a message that
 * says so, unless {@code ARREARS_REQUIRE_ALL=true} (CI), where they fail. {@link #shot(String)} saves a screenshot
 * of the page to {@code target/screenshots/<test class>-<test>-<step>.png}.
 */
public final class Browser implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private WebDriver driver;
    private Path profile;
    private String test = "test";

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Path chromium = Path.of(env("ARREARS_CHROMIUM", "/usr/bin/chromium"));
        Path chromedriver = Path.of(env("ARREARS_CHROMEDRIVER", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            String message = "BROWSER TESTS SKIPPED: no headless Chromium here (" + chromium + " "
                    + (Files.isExecutable(chromium) ? "found" : "MISSING") + ", " + chromedriver + " "
                    + (Files.isExecutable(chromedriver) ? "found" : "MISSING")
                    + "). Install Debian's chromium and chromium-driver; ARREARS_REQUIRE_ALL=true makes this a failure.";
            System.err.println("\n*** " + message + " ***\n");
            if ("true".equalsIgnoreCase(System.getenv("ARREARS_REQUIRE_ALL"))) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort(message);
        }
        profile = Files.createTempDirectory("arrears-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--lang=en-US", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
        driver.manage().window().setSize(new Dimension(1280, 900));
        Files.createDirectories(SCREENSHOTS);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        String display = context.getDisplayName();
        // a parameterised test's display name ("[2] COLLECTOR") tells its runs apart
        test = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName()
                + (display.startsWith("[") ? "-" + display.replaceAll("[^A-Za-z0-9]+", "_") : "");
        if (driver != null) {
            driver.manage().deleteAllCookies();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Returns the driver. */
    public WebDriver driver() {
        return driver;
    }

    /**
     * Clicks something that leaves the page and waits up to {@code timeout} until the next page has replaced it.
     * Chromium reports a node of a document that has gone either as a stale element or, while the next document
     * is being committed, as "Node with given id does not belong to the document"; both mean the page was left.
     */
    public void leave(WebElement control, Duration timeout) {
        control.click();
        new WebDriverWait(driver, timeout).until(d -> gone(control));
    }

    static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** Saves a screenshot of the current page as {@code <test>-<step>.png} and returns its path. */
    public Path shot(String step) {
        Path file = SCREENSHOTS.resolve((test + "-" + step).replaceAll("[^A-Za-z0-9._-]+", "_") + ".png");
        try {
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
