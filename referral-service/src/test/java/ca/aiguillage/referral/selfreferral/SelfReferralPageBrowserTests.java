package ca.aiguillage.referral.selfreferral;

import java.util.List;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.Topics;
import ca.aiguillage.testing.Browser;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
@TestPropertySource(properties = "spring.config.name=referral-service")
class SelfReferralPageBrowserTests extends RunningService {

	@LocalServerPort
	int port;

	private WebDriver browser;

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void clientConsentsThenFixesTheFieldsShownWrongAndSeesTheFee() {
		this.browser = Browser.chromium("fr-CA");
		this.browser.get(page("/self-referral"));
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Demander une psychothérapie");
		assertThat(this.browser.findElement(By.cssSelector(".crisis")).getText()).contains("911", "811", "9-8-8");
		Browser.screenshot(this.browser, "self-referral-1-consent-fr");

		// Without the required consent, the step says so.
		submit();
		assertThat(this.browser.findElement(By.id("error-summary")).getText())
			.contains("Le consentement au partage avec les organismes membres est nécessaire");
		// Keyboard only: tab to the consent box, tick it with the space bar.
		WebElement sharing = this.browser.findElement(By.id("consent-sharing"));
		focusWithTab(sharing);
		sharing.sendKeys(Keys.SPACE);
		this.browser.findElement(By.id("consent-email")).click();
		submit();

		assertThat(this.browser.findElement(By.tagName("h2")).getText()).contains("Étape 2 de 2");
		assertEveryFieldHasALabel();
		String lastName = "Gagnon-" + Long.toString(System.nanoTime(), 36);
		type("client-firstName", "Élise");
		type("client-lastName", lastName);
		type("client-dateOfBirth", "2099-01-01");
		type("client-email", "elise." + lastName.toLowerCase() + "@example.org");
		type("client-postalCode", "90210");
		this.browser.findElement(By.id("language-es")).click();
		this.browser.findElement(By.id("clientele-ADULT")).click();
		this.browser.findElement(By.id("modality-VIDEO")).click();
		new Select(this.browser.findElement(By.id("slot-day-0"))).selectByValue("WEDNESDAY");
		time("slot-start-0", "18:00");
		time("slot-end-0", "20:00");
		type("household-annualIncome", "24000");
		type("household-dependents", "1");
		this.browser.findElement(By.id("risk-no")).click();
		submit();

		WebElement summary = this.browser.findElement(By.id("error-summary"));
		assertThat(summary.getText()).contains("Code postal canadien invalide",
				"La date de naissance doit être dans le passé");
		assertThat(this.browser.findElement(By.id("client-postalCode")).getAttribute("aria-invalid")).isEqualTo("true");
		assertThat(this.browser.findElement(By.id("client-postalCode")).getAttribute("aria-describedby"))
			.contains("client-postalCode-error");
		assertThat(this.browser.findElement(By.id("client-firstName")).getAttribute("value")).isEqualTo("Élise");
		Browser.screenshot(this.browser, "self-referral-2-errors-fr");

		type("client-postalCode", "H2M 1K5");
		type("client-dateOfBirth", "1990-05-06");
		submit();

		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Votre demande est reçue");
		assertThat(this.browser.findElement(By.id("fee")).getText()).contains("25,00 $");
		String reference = this.browser.findElement(By.id("reference")).getText();
		Browser.screenshot(this.browser, "self-referral-3-received-fr");
		await().atMost(ofSeconds(20))
			.until(() -> this.kafka.readAll(Topics.REFERRAL_EVENTS)
				.stream()
				.filter(record -> EventCatalog.REFERRAL_SUBMITTED_V1.type().equals(record.header("ce_type")))
				.anyMatch(record -> record.key().toUpperCase().startsWith(reference)
						&& record.value().contains("\"intakeChannel\":\"SELF_REFERRAL\"")));
	}

	@Test
	void englishBrowserGetsTheFormInEnglishAndALinkBackToFrench() {
		this.browser = Browser.chromium("en-CA");
		this.browser.get(page("/self-referral"));

		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Ask for psychotherapy");
		assertThat(this.browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
		Browser.screenshot(this.browser, "self-referral-1-consent-en");
		this.browser.findElement(By.linkText("Français")).click();
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Demander une psychothérapie");
	}

	@Test
	void clientAtImminentRiskIsSentToCrisisLinesAtOnce() {
		this.browser = Browser.chromium("fr-CA");
		this.browser.get(page("/self-referral?lang=en"));
		this.browser.findElement(By.id("consent-sharing")).click();
		submit();
		type("client-firstName", "Sam");
		type("client-lastName", "Roy-" + Long.toString(System.nanoTime(), 36));
		type("client-dateOfBirth", "1985-02-03");
		type("client-postalCode", "H7N 5H9");
		this.browser.findElement(By.id("clientele-ADULT")).click();
		this.browser.findElement(By.id("modality-EITHER")).click();
		new Select(this.browser.findElement(By.id("slot-day-0"))).selectByValue("MONDAY");
		time("slot-start-0", "09:00");
		time("slot-end-0", "12:00");
		type("household-annualIncome", "40000");
		type("household-dependents", "0");
		this.browser.findElement(By.id("risk-yes")).click();
		submit();

		assertThat(this.browser.findElements(By.id("error-summary")))
			.as(() -> this.browser.findElement(By.id("error-summary")).getText())
			.isEmpty();
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).startsWith("Call now");
		assertThat(this.browser.findElement(By.cssSelector("[role=alert]")).getText()).contains("911", "811", "9-8-8");
		assertThat(this.browser.findElements(By.id("fee"))).isEmpty();
		Browser.screenshot(this.browser, "self-referral-4-redirected-en");
	}

	/** Sends the form and waits for the next page. */
	private void submit() {
		// Found again if the page replaced it between finding and clicking (its scripts
		// still starting): Chromium then answers that the node left the document.
		WebElement button = new WebDriverWait(this.browser, ofSeconds(10))
			.ignoring(org.openqa.selenium.WebDriverException.class)
			.until(driver -> {
				WebElement found = driver.findElement(By.cssSelector("button[type=submit]"));
				found.click();
				return found;
			});
		Browser.awaitReplaced(this.browser, button, ofSeconds(10));
	}

	private String page(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	private void type(String id, String text) {
		WebElement input = this.browser.findElement(By.id(id));
		input.clear();
		if ("date".equals(input.getAttribute("type"))) {
			// Date inputs take keyboard entry in the browser's locale: set the ISO value.
			((JavascriptExecutor) this.browser).executeScript("arguments[0].value = arguments[1]", input, text);
			return;
		}
		input.sendKeys(text);
	}

	private void time(String id, String value) {
		((JavascriptExecutor) this.browser).executeScript("arguments[0].value = arguments[1]",
				this.browser.findElement(By.id(id)), value);
	}

	private void focusWithTab(WebElement target) {
		this.browser.findElement(By.tagName("body")).click();
		for (int i = 0; i < 30 && !target.equals(this.browser.switchTo().activeElement()); i++) {
			this.browser.switchTo().activeElement().sendKeys(Keys.TAB);
		}
		assertThat(this.browser.switchTo().activeElement()).as("reachable with the Tab key").isEqualTo(target);
	}

	private void assertEveryFieldHasALabel() {
		List<?> unlabelled = (List<?>) ((JavascriptExecutor) this.browser)
			.executeScript("return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]"
					+ ".filter(e => !document.querySelector('label[for=\"' + e.id + '\"]')).map(e => e.name)");
		assertThat(unlabelled).as("inputs without a label").isEmpty();
	}

}
