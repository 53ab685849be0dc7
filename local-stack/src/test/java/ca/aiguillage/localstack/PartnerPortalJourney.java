package ca.aiguillage.localstack;

import java.time.Duration;

import ca.aiguillage.testing.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A referring partner's staff member, in a real headless Chromium, signs in through the
 * real authorization server, sends a referral with the portal's form, and watches its
 * status change on the list without reloading, as matching and the waitlist act.
 */
final class PartnerPortalJourney {

	private PartnerPortalJourney() {
	}

	static void partnerSendsAReferralAndWatchesItsStatusChange(LocalStack stack) {
		WebDriver browser = Browser.chromium("fr-CA");
		try {
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
			// 127.0.0.1: a loopback redirect URI may use any port (RFC 8252).
			browser.get("http://127.0.0.1:" + stack.port(0) + "/partner");
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
			browser.findElement(By.id("username")).sendKeys("intervenant.ahuntsic");
			browser.findElement(By.id("password")).sendKeys("intervenant-demo");
			browser.findElement(By.cssSelector("button[type=submit]")).click();
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-referral")));
			assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Mes demandes");

			browser.findElement(By.id("new-referral")).click();
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("client-firstName")));
			String lastName = "Portail-" + Long.toString(System.nanoTime(), 36);
			type(browser, "partnerReference", "CLSC-AH-PORTAIL-1");
			new Select(browser.findElement(By.id("priority"))).selectByValue("C");
			type(browser, "client-firstName", "Noémie");
			type(browser, "client-lastName", lastName);
			value(browser, "client-dateOfBirth", "1988-07-14");
			type(browser, "client-postalCode", "H2M 1K5");
			type(browser, "client-mobilePhone", "514 555-0177");
			browser.findElement(By.id("consent-sms")).click();
			browser.findElement(By.id("clientele-ADULT")).click();
			browser.findElement(By.id("modality-EITHER")).click();
			new Select(browser.findElement(By.id("slot-day-0"))).selectByValue("TUESDAY");
			value(browser, "slot-start-0", "09:00");
			value(browser, "slot-end-0", "12:00");
			type(browser, "household-annualIncome", "-5");
			type(browser, "household-dependents", "0");
			browser.findElement(By.id("risk-no")).click();
			submit(browser);

			// Inline validation: the wrong field is marked and explained, the rest kept.
			assertThat(browser.findElement(By.id("household-annualIncome-error")).getText())
				.isEqualTo("La valeur ne peut pas être négative.");
			assertThat(browser.findElement(By.id("client-lastName")).getAttribute("value")).isEqualTo(lastName);
			Browser.screenshot(browser, "partner-portal-1-form-errors-fr");
			type(browser, "household-annualIncome", "31000");
			submit(browser);

			assertThat(browser.findElement(By.id("sent")).getText()).startsWith("Demande envoyée");
			// The rows are replaced every few seconds: read them whole, again if
			// replaced.
			WebDriverWait live = new WebDriverWait(browser, Duration.ofSeconds(60));
			live.ignoring(StaleElementReferenceException.class);
			String rowId = live.until(driver -> {
				WebElement row = driver.findElement(By.cssSelector("#rows tr"));
				return row.getText().contains("30,00 $") ? row.getAttribute("id") : null;
			});
			Browser.screenshot(browser, "partner-portal-2-sent-fr");
			// Live status: the list refreshes itself as the other services act.
			live.until(driver -> {
				String status = driver.findElement(By.id(rowId)).getText();
				return status.contains("en liste d'attente") || status.contains("psychothérapeute proposé");
			});
			Browser.screenshot(browser, "partner-portal-3-live-status-fr");
		}
		finally {
			browser.quit();
		}
	}

	private static void submit(WebDriver browser) {
		WebElement button = browser.findElement(By.cssSelector("main button[type=submit]"));
		button.click();
		Browser.awaitReplaced(browser, button, Duration.ofSeconds(10));
	}

	private static void type(WebDriver browser, String id, String text) {
		WebElement input = browser.findElement(By.id(id));
		input.clear();
		input.sendKeys(text);
	}

	private static void value(WebDriver browser, String id, String value) {
		((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]",
				browser.findElement(By.id(id)), value);
	}

}
