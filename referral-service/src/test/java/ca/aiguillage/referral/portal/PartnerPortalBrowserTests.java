package ca.aiguillage.referral.portal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.waitlist.ReferralLeftQueueV2;
import ca.aiguillage.referral.intake.QueueEvents;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A partner's staff member in a real headless Chromium signs in through the real
 * authorization server, sends a referral with the portal's form, finds it by their own
 * reference, opens it to read its steps in words and Quebec time, and signs out.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = "spring.config.name=referral-service")
class PartnerPortalBrowserTests extends RunningService {

	static final int AUTHORIZATION_PORT = AuthorizationServerBeside.freePort();

	/** « 3 décembre 2026, 8 h 05 »: a French date and a Quebec time, no ISO. */
	static final String FRENCH_TIME = "\\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \\d{4}, \\d{1,2} h \\d{2}";

	static ConfigurableApplicationContext authorization;

	static String portal;

	WebDriver browser;

	@DynamicPropertySource
	static void signInThroughTheRealAuthorizationServer(DynamicPropertyRegistry registry) {
		registry.add("referral.portal.issuer", () -> AuthorizationServerBeside.issuer(AUTHORIZATION_PORT));
	}

	@BeforeAll
	static void startTheAuthorizationServer(@Value("${local.server.port}") int port) throws IOException {
		portal = "http://127.0.0.1:" + port;
		authorization = AuthorizationServerBeside.start(AUTHORIZATION_PORT, null);
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
	void formSpeaksToStaffAndItsSummaryNamesEachFailingField() {
		signIn("intervenant.ahuntsic");
		this.browser.findElement(By.id("new-referral")).click();
		waitFor(By.id("client-firstName"));

		List<String> legends = this.browser.findElements(By.tagName("legend"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(legends).contains("La personne", "Son consentement", "Ses besoins", "Son ménage, pour le tarif",
				"Sa sécurité");
		assertThat(legends)
			.noneMatch(legend -> legend.startsWith("Vous") || legend.startsWith("Vos") || legend.startsWith("Votre"));
		submit();

		WebElement summary = this.browser.findElement(By.id("error-summary"));
		List<WebElement> links = summary.findElements(By.tagName("a"));
		assertThat(links).extracting(WebElement::getText)
			.contains("Prénom : ce champ est obligatoire.", "Nom : ce champ est obligatoire.");
		assertThat(links).extracting(WebElement::getText).doesNotHaveDuplicates();
		WebElement firstName = links.stream()
			.filter(link -> link.getText().startsWith("Prénom"))
			.findFirst()
			.orElseThrow();
		assertThat(firstName.getAttribute("href")).endsWith("#client-firstName");
		// Every link leads to something on the page.
		for (WebElement link : links) {
			String target = link.getAttribute("href").substring(link.getAttribute("href").indexOf('#') + 1);
			assertThat(this.browser.findElements(By.id(target))).as(link.getText()).isNotEmpty();
		}
		Browser.screenshot(this.browser, "partner-portal-named-errors-fr");
	}

	@Test
	void partnerFindsItsReferralByItsOwnReferenceAndReadsItsStepsInWords() {
		signIn("intervenant.ahuntsic");
		String reference = "CLSC-AH-" + Long.toString(System.nanoTime(), 36).toUpperCase();
		sendAReferral(reference);

		WebElement row = rowOf(reference);
		assertThat(row.getText()).containsPattern(FRENCH_TIME).doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");
		String id = open(row);

		assertThat(this.browser.findElement(By.tagName("h1")).getText())
			.isEqualTo("Demande " + id.substring(0, 8).toUpperCase());
		assertThat(this.browser.findElement(By.id("partner-reference")).getText()).isEqualTo(reference);
		assertThat(this.browser.findElement(By.id("status")).getText()).isEqualTo("reçue");
		assertThat(this.browser.findElement(By.id("timeline")).getText()).startsWith("Demande reçue")
			.containsPattern(FRENCH_TIME);

		new QueueEvents(this.kafka).waitlisted(id);
		await().atMost(ofSeconds(20)).untilAsserted(() -> {
			this.browser.navigate().refresh();
			assertThat(this.browser.findElement(By.id("timeline")).getText()).contains("Inscrite en liste d'attente");
		});
		assertThat(this.browser.findElements(By.cssSelector("#timeline li"))).hasSize(2);
		assertThat(this.browser.findElement(By.id("status")).getText()).isEqualTo("en liste d'attente");
		Browser.screenshot(this.browser, "partner-portal-referral-timeline-fr");
	}

	@Test
	void partnerReadsInWordsThatTheClientNoLongerNeedsTheService() {
		signIn("intervenant.ahuntsic");
		String reference = "CLSC-AH-" + Long.toString(System.nanoTime(), 36).toUpperCase();
		sendAReferral(reference);
		String id = open(rowOf(reference));

		new QueueEvents(this.kafka).publish(EventCatalog.REFERRAL_LEFT_QUEUE_V2,
				new ReferralLeftQueueV2(id, ReferralLeftQueueV2.Outcome.NO_LONGER_NEEDED,
						ReferralLeftQueueV2.ClosedBy.CLIENT, Instant.now().plusSeconds(60)),
				UUID.randomUUID().toString());

		await().atMost(ofSeconds(20)).untilAsserted(() -> {
			this.browser.navigate().refresh();
			assertThat(this.browser.findElement(By.id("timeline")).getText())
				.containsPattern("La personne nous a dit ne plus avoir besoin du service\\s+" + FRENCH_TIME)
				.doesNotContain("NO_LONGER_NEEDED");
		});
		assertThat(this.browser.findElement(By.id("status")).getText()).isEqualTo("plus besoin du service");
	}

	@Test
	void anotherPartnersReferralReadsAsNotFound() {
		signIn("intervenant.ahuntsic");
		String reference = "CLSC-AH-" + Long.toString(System.nanoTime(), 36).toUpperCase();
		sendAReferral(reference);
		String id = this.browser.findElement(By.cssSelector("#rows tr"))
			.getAttribute("id")
			.substring("referral-".length());
		signOut();

		signIn("intervenant.gasm-laval");
		this.browser.get(portal + "/partner/referrals/" + id);

		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Page introuvable");
		assertThat(this.browser.getPageSource()).doesNotContain(reference);
	}

	@Test
	void signingOutEndsTheSessionAndTheNextVisitAsksForThePasswordAgain() {
		signIn("intervenant.ahuntsic");

		signOut();

		assertThat(this.browser.getCurrentUrl()).startsWith("http://127.0.0.1:" + AUTHORIZATION_PORT + "/login");
		this.browser.get(portal + "/partner/referrals");
		waitFor(By.id("password"));
		assertThat(this.browser.getCurrentUrl()).startsWith("http://127.0.0.1:" + AUTHORIZATION_PORT + "/login");
		Browser.screenshot(this.browser, "partner-portal-signed-out-fr");
	}

	@Test
	void portalSpeaksEnglishWhenAsked() {
		signIn("intervenant.ahuntsic");
		this.browser.get(portal + "/partner/referrals/new?lang=en");
		waitFor(By.id("client-firstName"));

		assertThat(this.browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
		assertThat(this.browser.findElements(By.tagName("legend"))).extracting(WebElement::getText)
			.contains("The client", "Their needs");
		assertThat(this.browser.findElement(By.id("sign-out")).getText()).isEqualTo("Sign out");
		submit();

		assertThat(this.browser.findElement(By.id("error-summary")).findElements(By.tagName("a")))
			.extracting(WebElement::getText)
			.contains("First name: this field is required.");
		Browser.screenshot(this.browser, "partner-portal-named-errors-en");
	}

	private WebElement rowOf(String reference) {
		return this.browser.findElements(By.cssSelector("#rows tr"))
			.stream()
			.filter(candidate -> candidate.getText().contains(reference))
			.findFirst()
			.orElseThrow();
	}

	/** Opens the referral of a row; returns its id. */
	private String open(WebElement row) {
		String id = row.getAttribute("id").substring("referral-".length());
		row.findElement(By.cssSelector("a.open")).click();
		waitFor(By.id("timeline"));
		return id;
	}

	private void signIn(String username) {
		this.browser.get(portal + "/partner");
		waitFor(By.id("username"));
		this.browser.findElement(By.id("username")).sendKeys(username);
		this.browser.findElement(By.id("password")).sendKeys("intervenant-demo");
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		waitFor(By.id("new-referral"));
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Mes demandes");
	}

	private void signOut() {
		this.browser.findElement(By.id("sign-out")).click();
		waitFor(By.id("username"));
	}

	private void sendAReferral(String reference) {
		this.browser.get(portal + "/partner/referrals/new");
		waitFor(By.id("client-firstName"));
		type("partnerReference", reference);
		new Select(this.browser.findElement(By.id("priority"))).selectByValue("C");
		type("client-firstName", "Noémie");
		type("client-lastName", "Portail-" + Long.toString(System.nanoTime(), 36));
		value("client-dateOfBirth", "1988-07-14");
		type("client-postalCode", "H2M 1K5");
		type("client-mobilePhone", "514 555-0177");
		this.browser.findElement(By.id("consent-sms")).click();
		this.browser.findElement(By.id("clientele-ADULT")).click();
		this.browser.findElement(By.id("modality-EITHER")).click();
		new Select(this.browser.findElement(By.id("slot-day-0"))).selectByValue("TUESDAY");
		value("slot-start-0", "09:00");
		value("slot-end-0", "12:00");
		type("household-annualIncome", "31000");
		type("household-dependents", "0");
		this.browser.findElement(By.id("risk-no")).click();
		submit();
		assertThat(this.browser.findElement(By.id("sent")).getText()).startsWith("Demande envoyée");
		assertThat(this.browser.findElement(By.id("rows")).getText()).contains(reference);
	}

	private void submit() {
		WebElement button = this.browser.findElement(By.cssSelector("main button[type=submit]"));
		button.click();
		Browser.awaitReplaced(this.browser, button, Duration.ofSeconds(10));
	}

	private void waitFor(By element) {
		new WebDriverWait(this.browser, Duration.ofSeconds(30))
			.until(ExpectedConditions.presenceOfElementLocated(element));
	}

	private void type(String id, String text) {
		WebElement input = this.browser.findElement(By.id(id));
		input.clear();
		input.sendKeys(text);
	}

	private void value(String id, String value) {
		((JavascriptExecutor) this.browser).executeScript("arguments[0].value = arguments[1]",
				this.browser.findElement(By.id(id)), value);
	}

}
