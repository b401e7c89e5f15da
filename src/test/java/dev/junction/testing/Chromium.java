package dev.junction.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven through Debian's chromedriver (apt-get install chromium chromium-driver). Without them
 * a developer's run skips the browser tests with a message; under CI it fails, so they never silently do not run.
 */
public final class Chromium implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final List<Path> BROWSERS = List.of(Path.of("/usr/bin/chromium"),
            Path.of("/usr/bin/chromium-browser"));
    private static final List<Path> DRIVERS = List.of(Path.of("/usr/bin/chromedriver"),
            Path.of("/usr/lib/chromium/chromedriver"));

    private final ChromeDriver driver;
    private final WebDriverWait wait;

    private Chromium(Path browser, Path chromedriver) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        // No sandbox: CI runs as root, where Chromium refuses its sandbox.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1440,1000", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /** A new browser with no cookies or storage, or the test skipped (fails under CI) when there is no Chromium. */
    public static Chromium start() {
        Path browser = BROWSERS.stream().filter(Files::isExecutable).findFirst().orElse(null);
        Path chromedriver = DRIVERS.stream().filter(Files::isExecutable).findFirst().orElse(null);
        if (browser == null || chromedriver == null) {
            String message = "No Chromium and chromedriver here (apt-get install -y chromium chromium-driver);"
                    + " the console's browser tests need them";
            if (System.getenv("CI") != null && !System.getenv("CI").isBlank()) {
                fail(message);
            }
            assumeTrue(false, message + ": skipped");
        }
        return new Chromium(browser, chromedriver);
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement await(By locator) {
        return until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    public void awaitText(By locator, String text) {
        until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    /** On a timeout, the failure says what the page showed and saves it as target/console-screenshots/failed-*. */
    private <T> T until(ExpectedCondition<T> condition) {
        try {
            return wait.until(condition);
        } catch (TimeoutException e) {
            screenshot("failed-" + System.currentTimeMillis());
            String text = driver.findElement(By.tagName("body")).getText();
            throw new AssertionError(e.getMessage().lines().findFirst().orElse("") + "; the page at "
                    + driver.getCurrentUrl() + " showed: " + text, e);
        }
    }

    public List<WebElement> all(By locator) {
        return driver.findElements(locator);
    }

    public Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    public String pageSource() {
        return driver.getPageSource();
    }

    /** Saves what the browser shows as target/console-screenshots/{name}.png. */
    public void screenshot(String name) {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fills in and sends the login form, with an API key ({@code key}) or a JWT ({@code bearer}). */
    public void signIn(String scheme, String secret) {
        await(By.id("login-form"));
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("login-scheme"))).selectByValue(scheme);
        driver.findElement(By.id("login-secret")).sendKeys(secret);
        driver.findElement(By.id("login-submit")).click();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
