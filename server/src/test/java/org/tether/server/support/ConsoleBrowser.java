package org.tether.server.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The staff console in headless Chromium (Debian's /usr/bin/chromium and /usr/bin/chromedriver, which
 * bin/ensure-infra --chromium installs), for the {@code *BrowserTest} classes. A fresh profile per browser;
 * screenshots go to {@code target/console-screenshots/}. No tile server is reachable on a test machine:
 * start the server with {@link #SERVER_CONFIG} (no tiles, the map's blank background).
 */
public final class ConsoleBrowser implements AutoCloseable {

    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    /** Server configuration for browser tests: no map tiles (there is no internet on a test machine). */
    public static final Map<String, String> SERVER_CONFIG = Map.of("TETHER_CONSOLE_TILEURL", "");
    public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Path profile;
    private String base;

    private ConsoleBrowser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static ConsoleBrowser start() {
        Path profile;
        try {
            profile = Files.createTempDirectory("tether-chromium-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a browser profile directory", e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1400,900", "--lang=zh-CN");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new ConsoleBrowser(driver, profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens the console at {@code hash} (e.g. {@code #/alerts}) and waits for the shell to have started. */
    public ConsoleBrowser open(RunningTether tether, String hash) {
        base = tether.target().base() + "/console/";
        driver.get(base + (hash == null ? "" : hash));
        waitFor("body[data-ready='true']");
        return this;
    }

    /** Goes to another route of the already open console (no reload). */
    public ConsoleBrowser go(String hash) {
        js("location.hash = arguments[0];", hash);
        return this;
    }

    /** Signs in through the form (the console must be open) and waits for the signed-in shell. */
    public ConsoleBrowser signIn(String username, String password) {
        if (!driver.getCurrentUrl().contains("#/signin")) {
            go("#/signin");
        }
        type("[data-test='signin-username']", username);
        type("[data-test='signin-password']", password);
        click("[data-test='signin-submit']");
        waitFor("[data-test='nav']:not([hidden])");
        return this;
    }

    public WebElement waitFor(String css) {
        return waitFor(css, WAIT);
    }

    public WebElement waitFor(String css, Duration timeout) {
        return new WebDriverWait(driver, timeout).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Waits until an element matching {@code css} contains {@code text}. */
    public WebElement waitForText(String css, String text) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
        return driver.findElement(By.cssSelector(css));
    }

    /** Waits until nothing matches {@code css} (or nothing visible does). */
    public void waitGone(String css) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Waits until the count of elements matching {@code css} satisfies the condition. */
    public int waitForCount(String css, java.util.function.IntPredicate wanted) {
        return new WebDriverWait(driver, WAIT).until(d -> {
            int n = d.findElements(By.cssSelector(css)).size();
            return wanted.test(n) ? n : null;
        });
    }

    public ConsoleBrowser click(String css) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
        return this;
    }

    public ConsoleBrowser type(String css, String text) {
        WebElement input = waitFor(css);
        input.clear();
        input.sendKeys(text);
        return this;
    }

    public String text(String css) {
        return waitFor(css).getText();
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The page's current bearer token (sessionStorage), to check the API with the browser's session. */
    public String token() {
        return (String) js("return sessionStorage.getItem('tether.token');");
    }

    /** Saves the page as {@code target/console-screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot save screenshot " + name, e);
        }
    }

    /** Severe browser-console entries since the last call (script errors, CSP violations, failed loads). */
    public List<String> severeLogEntries() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A leftover temporary profile is harmless.
            }
        }
    }
}
