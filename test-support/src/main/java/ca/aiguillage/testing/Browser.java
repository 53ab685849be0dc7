package ca.aiguillage.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs), driven by Selenium. Nothing it loads leaves loopback.
 */
public final class Browser {

	private static final Path CHROMIUM = Paths.get(System.getProperty("aiguillage.chromium", "/usr/bin/chromium"));

	private static final Path DRIVER = Paths
		.get(System.getProperty("aiguillage.chromedriver", "/usr/bin/chromedriver"));

	private Browser() {
	}

	/**
	 * Starts a headless Chromium with the browser language given.
	 * @param language the {@code Accept-Language} the browser sends, such as
	 * {@code fr-CA}
	 * @return the driver; quit it when done
	 */
	public static WebDriver chromium(String language) {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--disable-dev-shm-usage", "--window-size=1280,1024",
				"--lang=" + language);
		options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return driver;
	}

	/**
	 * Waits until the page that answered a form replaced one of the form's elements.
	 * @param driver the browser
	 * @param element an element of the page before, such as the button pressed
	 * @param atMost how long to wait
	 */
	public static void awaitReplaced(WebDriver driver, WebElement element, Duration atMost) {
		new WebDriverWait(driver, atMost).until((ignored) -> left(element));
	}

	/**
	 * Whether an element left its document. Chromium answers so for a node its page
	 * replaced either as a stale element or, while the new page's scripts start, as "Node
	 * with given id does not belong to the document" (which Selenium's staleness check
	 * does not know); both count. Any other error is the browser's, and is thrown.
	 * @param element the element
	 * @return whether it left
	 */
	static boolean left(WebElement element) {
		try {
			element.isEnabled();
			return false;
		}
		catch (StaleElementReferenceException ex) {
			return true;
		}
		catch (WebDriverException ex) {
			if (String.valueOf(ex.getMessage()).contains("does not belong to the document")) {
				return true;
			}
			throw ex;
		}
	}

	/**
	 * Saves what the browser shows as a PNG under {@code target/screenshots}.
	 * @param driver the browser
	 * @param name the file name, without extension
	 * @return the file written
	 */
	public static Path screenshot(WebDriver driver, String name) {
		try {
			Path directory = Files.createDirectories(Paths.get("target", "screenshots"));
			Path file = directory.resolve(name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-") + ".png");
			Path taken = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
			return Files.move(taken, file, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
