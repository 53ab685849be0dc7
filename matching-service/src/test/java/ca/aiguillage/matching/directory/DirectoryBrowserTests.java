package ca.aiguillage.matching.directory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;

import ca.aiguillage.authorization.AuthorizationServerApplication;
import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.matching.MatchingWire;
import ca.aiguillage.testing.Browser;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.util.TestSocketUtils;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A coordinator in a real headless Chromium signs in through the real authorization
 * server, adds a therapist through the directory's form, corrects what it refuses, and
 * sees who holds the therapist's places.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = "spring.config.name=matching-service")
class DirectoryBrowserTests extends RunningService {

	static final int AUTHORIZATION_PORT = TestSocketUtils.findAvailableTcpPort();

	/** Where this test says the console is: the caseload links each held place there. */
	static final String CONSOLE = "http://console.aiguillage.test:8083";

	static final Pattern REFERRAL_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	static ConfigurableApplicationContext authorization;

	static String pages;

	WebDriver browser;

	@DynamicPropertySource
	static void signInThroughTheRealAuthorizationServer(DynamicPropertyRegistry registry) {
		registry.add("matching.pages.issuer", () -> "http://127.0.0.1:" + AUTHORIZATION_PORT);
		registry.add("matching.pages.console-url", () -> CONSOLE);
	}

	@BeforeAll
	static void startTheAuthorizationServer(@Value("${local.server.port}") int port) throws IOException {
		pages = "http://127.0.0.1:" + port;
		Path keys = Files.createTempDirectory("matching-directory-test");
		// Registered on 127.0.0.1, the console's redirect may use any loopback port (RFC
		// 8252): this service's random port needs no other registration.
		authorization = AuthorizationServerApplication.startBesideServices(AUTHORIZATION_PORT,
				"http://127.0.0.1:" + AUTHORIZATION_PORT, keys.resolve("signing-key.jwk.json"));
	}

	@AfterAll
	static void stopTheAuthorizationServer() {
		if (authorization != null) {
			authorization.close();
		}
	}

	@BeforeEach
	void openABrowser() {
		this.browser = Browser.chromium("fr-CA");
	}

	@AfterEach
	void closeTheBrowser() {
		this.browser.quit();
	}

	@Test
	void coordinatorAddsATherapistCorrectingWhatTheFormRefusesThenSeesWhoHoldsTheirPlaces() {
		signIn();
		assertThat(this.browser.findElement(By.tagName("h2")).getText())
			.isEqualTo("Thérapeutes de Psychothérapie Laval");
		assertThat(this.browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");

		this.browser.findElement(By.id("add-therapist")).click();
		this.browser.findElement(By.id("firstName")).sendKeys("Camille");
		new Select(this.browser.findElement(By.id("day0"))).selectByValue("TUESDAY");
		time("start0", "09:00");
		time("end0", "12:00");
		type("places", "1");
		type("lowFeePlaces", "3");
		// No approach ticked, more low-fee places than places: both refused, each beside
		// its field.
		this.browser.findElement(By.id("save")).sendKeys(Keys.ENTER);

		await().atMost(ofSeconds(10)).until(() -> !this.browser.findElements(By.id("error-summary")).isEmpty());
		assertThat(this.browser.findElement(By.id("lowFeePlaces-error")).getText())
			.isEqualTo("Les places à tarif réduit ne peuvent pas dépasser le nombre de places.");
		assertThat(this.browser.findElement(By.id("approaches-error")).getText())
			.isEqualTo("Ce champ est obligatoire.");
		assertThat(this.browser.findElements(By.cssSelector("p.error"))).hasSize(2);
		assertThat(this.browser.switchTo().activeElement().getAttribute("id")).isEqualTo("error-summary");
		assertThat(this.browser.findElement(By.id("firstName")).getAttribute("value")).isEqualTo("Camille");
		assertThat(this.browser.findElement(By.id("approaches")).getText()).contains("cognitivo-comportementale")
			.doesNotContain("COGNITIVE_BEHAVIOURAL");
		Browser.screenshot(this.browser, "directory-form-refused");

		// Keyboard only: the space bar ticks the box, Enter saves.
		this.browser.findElement(By.cssSelector("input[name=approaches][value=COGNITIVE_BEHAVIOURAL]"))
			.sendKeys(Keys.SPACE);
		type("lowFeePlaces", "0");
		this.browser.findElement(By.id("save")).sendKeys(Keys.ENTER);

		await().atMost(ofSeconds(10)).until(() -> !this.browser.findElements(By.cssSelector("p.notice")).isEmpty());
		WebElement row = this.browser.findElement(By.id("therapists"))
			.findElements(By.cssSelector("tbody tr"))
			.stream()
			.filter(candidate -> candidate.getText().contains("Camille"))
			.findFirst()
			.orElseThrow();
		assertThat(row.getText()).contains("français", "cognitivo-comportementale", "Actif");
		String therapistId = row.getAttribute("id").substring("therapist-".length());

		ObjectNode referral = MatchingWire.referral("org-laval");
		MatchingWire.submit(this.kafka, referral, UUID.randomUUID().toString());
		MatchingWire.awaitOutcome(this.kafka, referral, EventCatalog.PROPOSAL_MADE_V1.type());
		Browser.screenshot(this.browser, "directory");

		this.browser.get(pages + "/directory");
		this.browser.findElement(By.id("therapist-" + therapistId)).findElement(By.partialLinkText("charge")).click();

		WebElement place = this.browser.findElement(By.id("place-" + MatchingWire.id(referral)));
		assertThat(place.getText()).contains("Proposée, en attente de la réponse du client", "mardi, 9 h 00 à 10 h 00");
		assertThat(place.findElements(By.tagName("td")).get(1).getText())
			.matches("\\d{1,2} \\p{L}+ 20\\d\\d, \\d{1,2} h \\d\\d");
		// The holder in words (the contract fixture's submission, Quebec's day), a link
		// to
		// its page in the console; its id nowhere in what the page shows.
		WebElement holder = place.findElement(By.cssSelector("td a.holder"));
		assertThat(holder.getText()).isEqualTo("Demande reçue le 20 novembre 2026, priorité C (28 jours ou moins)");
		assertThat(holder.getAttribute("href")).isEqualTo(CONSOLE + "/console/referrals/" + MatchingWire.id(referral));
		assertThat(this.browser.findElement(By.tagName("main")).getText()).doesNotContainPattern(REFERRAL_ID)
			.doesNotContain(MatchingWire.id(referral).substring(0, 8));
		assertThat(this.browser.findElement(By.id("freeing")).getText()).isEqualTo(
				"Une proposition attend la réponse du client : la place se libère si elle est refusée ou expire.");
		Browser.screenshot(this.browser, "directory-caseload");

		this.browser.get(this.browser.getCurrentUrl() + "?lang=en");
		assertThat(
				this.browser.findElement(By.cssSelector("#place-" + MatchingWire.id(referral) + " a.holder")).getText())
			.isEqualTo("Referral received on November 20, 2026, priority C (28 days or less)");
	}

	@Test
	void directorySpeaksEnglishWhenAsked() {
		signIn();

		this.browser.get(pages + "/directory?lang=en");

		assertThat(this.browser.findElement(By.tagName("h2")).getText())
			.isEqualTo("Therapists of Psychothérapie Laval");
		assertThat(this.browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
		this.browser.findElement(By.id("add-therapist")).click();
		assertThat(this.browser.findElement(By.cssSelector("label[for=places]")).getText())
			.isEqualTo("Places for new clients");
		assertThat(this.browser.findElement(By.id("languages")).getText()).contains("French", "Spanish");
	}

	private void signIn() {
		this.browser.get(pages + "/directory");
		assertThat(this.browser.getCurrentUrl()).startsWith("http://127.0.0.1:" + AUTHORIZATION_PORT + "/login");
		this.browser.findElement(By.id("username")).sendKeys("coordination.laval");
		this.browser.findElement(By.id("password")).sendKeys("coordination-demo");
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		await().atMost(ofSeconds(20)).until(() -> this.browser.getCurrentUrl().startsWith(pages + "/directory"));
	}

	private void type(String id, String value) {
		WebElement field = this.browser.findElement(By.id(id));
		field.clear();
		field.sendKeys(value);
	}

	private void time(String id, String value) {
		// A time field's keystrokes depend on the browser's locale; its value does not.
		((JavascriptExecutor) this.browser).executeScript("arguments[0].value = arguments[1];",
				this.browser.findElement(By.id(id)), value);
	}

}
