package ca.aiguillage.waitlist.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.aiguillage.authorization.AuthorizationServerApplication;
import ca.aiguillage.contracts.Topics;
import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.platform.events.EventJson;
import ca.aiguillage.testing.Browser;
import ca.aiguillage.testing.KafkaProbe;
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

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An administrator in a real headless Chromium works through this service's dead letters
 * on the real broker: replays one given up on during an outage (it applies), replays a
 * malformed one (it fails again and stays), discards one (a reason asked first), replays
 * the rest. The other services do not run here, and the page says so.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = { "spring.config.name=waitlist-service", "waitlist.timers.enabled=false" })
class AdminPagesBrowserTests extends RunningService {

	static final int AUTHORIZATION_PORT = freePort();

	// Nothing listens on the discard port: the other services do not answer.
	static final String NOBODY = "http://127.0.0.1:9";

	static ConfigurableApplicationContext authorization;

	static String console;

	WebDriver browser;

	@DynamicPropertySource
	static void signInThroughTheRealAuthorizationServer(DynamicPropertyRegistry registry) {
		registry.add("waitlist.console.issuer", () -> "http://127.0.0.1:" + AUTHORIZATION_PORT);
		registry.add("waitlist.console.matching-url", () -> NOBODY);
		registry.add("waitlist.console.referral-url", () -> NOBODY);
		registry.add("waitlist.console.notification-url", () -> NOBODY);
	}

	@BeforeAll
	static void startTheAuthorizationServer(@Value("${local.server.port}") int port) throws IOException {
		String issuer = "http://127.0.0.1:" + AUTHORIZATION_PORT;
		console = "http://127.0.0.1:" + port;
		Path keys = Files.createTempDirectory("waitlist-admin-test");
		authorization = AuthorizationServerApplication.startBesideServices(AUTHORIZATION_PORT, issuer,
				keys.resolve("signing-key.jwk.json"));
	}

	@BeforeEach
	void openABrowser() {
		this.browser = Browser.chromium("fr-CA");
	}

	@AfterEach
	void closeTheBrowser() {
		this.browser.quit();
	}

	@AfterAll
	static void stopTheAuthorizationServer() {
		if (authorization != null) {
			authorization.close();
		}
	}

	@Test
	void administratorReplaysDiscardsWithAReasonAndReplaysAllInFrenchWords() {
		String referralId = UUID.randomUUID().toString();
		String replayed = deadLetterAfterAnOutage(referralId);
		String malformed = deadLetter();
		String discarded = deadLetter();
		signIn("admin", "admin-demo", "/console/admin/dead-letters");

		assertThat(this.browser.findElement(By.tagName("h2")).getText()).isEqualTo("Événements en échec");
		WebElement row = row(malformed);
		assertThat(row.findElement(By.className("topic")).getText()).isEqualTo("événements des demandes (réception)");
		assertThat(row.findElement(By.className("cause")).getText()).startsWith("Événement mal formé");
		assertThat(row.findElement(By.className("attempts")).getText()).isEqualTo("1 essai");
		assertThat(row.findElement(By.className("when")).getText())
			.matches("\\d{1,2} \\p{L}+ \\d{4}, \\d{1,2} h \\d{2}");
		assertThat(row(replayed).findElement(By.className("cause")).getText())
			.startsWith("Le service n'a pas pu l'appliquer");
		assertThat(row(replayed).findElement(By.className("attempts")).getText()).matches("\\d+ essais");
		assertThat(this.browser.findElement(By.id("service-REFERRAL")).getText()).contains("ne répond pas");
		assertThat(this.browser.findElement(By.id("service-NOTIFICATION")).getText()).contains("ne répond pas");
		assertThat(this.browser.getPageSource()).doesNotContain("Marie Tremblay");
		Browser.screenshot(this.browser, "console-dead-letters");

		// Given up on during an outage, it is applied once handed back.
		submit(row(replayed).findElement(By.className("replay")));
		assertThat(result()).isEqualTo("L'événement est rejoué : son service l'a appliqué.");
		assertThat(row(replayed).findElement(By.className("done")).getText()).startsWith("Rejoué par admin le ");
		assertThat(this.http.get("/api/v1/queue/" + referralId).status()).isEqualTo(200);

		// Malformed, it fails again and stays waiting, said as it is.
		submit(row(malformed).findElement(By.className("replay")));
		assertThat(result())
			.startsWith("Le service n'a toujours pas pu appliquer cet événement : il reste en attente.");
		assertThat(row(malformed).findElements(By.className("done"))).isEmpty();

		submit(row(discarded).findElement(By.className("discard")));
		assertThat(result()).startsWith("Indiquez pourquoi vous écartez cet événement");
		WebElement reason = row(discarded).findElement(By.name("reason"));
		assertThat(reason.getAttribute("aria-invalid")).isEqualTo("true");
		assertThat(this.browser.findElement(By.id(reason.getAttribute("aria-describedby"))).getText())
			.startsWith("Indiquez pourquoi");
		reason.sendKeys("Test sent by mistake");
		submit(row(discarded).findElement(By.className("discard")));
		assertThat(result()).isEqualTo("L'événement est écarté; la raison est consignée.");
		assertThat(row(discarded).findElement(By.className("done")).getText()).endsWith(": Test sent by mistake");

		submit(this.browser.findElement(By.id("replay-all")));
		// The malformed one fails again; only this service runs here, and the others
		// are named as not answering.
		assertThat(result()).startsWith("Aucun événement n'a été rejoué.")
			.contains("Un événement attend encore : son service n'a toujours pas pu l'appliquer.")
			.contains("n'ont pas répondu : Réception des demandes (referral-service)");
		assertThat(row(malformed).findElements(By.className("done"))).isEmpty();
		assertThat(this.http.get("/api/v1/admin/dead-letters")
			.<List<String>>json("$[?(@.eventId == '" + discarded + "')].action.reason"))
			.containsExactly("Test sent by mistake");

		this.browser.get(console + "/console/admin/dead-letters?lang=en");
		assertThat(this.browser.findElement(By.tagName("h2")).getText()).isEqualTo("Failed events");
		assertThat(row(malformed).findElement(By.className("attempts")).getText()).isEqualTo("1 attempt");
	}

	@Test
	void administratorRecordsAnIncidentIsToldWhatIsMissingBesideTheFieldThenEditsIt() {
		signIn("admin", "admin-demo", "/console/admin/incidents");
		assertThat(this.browser.findElement(By.tagName("h2")).getText())
			.isEqualTo("Registre des incidents de confidentialité");

		// A date picker's typing order follows the browser's locale: the value is set as
		// the picker would.
		set("noticedAt", "2026-11-30T08:05");
		this.browser.findElement(By.id("description")).sendKeys("Courriel envoyé au mauvais partenaire");
		this.browser.findElement(By.id("informationKind")).sendKeys("Nom et courriel");
		this.browser.findElement(By.id("peopleConcerned")).sendKeys("3");
		this.browser.findElement(By.id("seriousInjuryRisk-no")).click();
		this.browser.findElement(By.id("riskReason")).sendKeys("Aucune donnée clinique");
		this.browser.findElement(By.id("commissionNotified-no")).click();
		this.browser.findElement(By.id("peopleNotified-yes")).click();
		submit(this.browser.findElement(By.cssSelector("#incident-form button[type=submit]")));

		assertThat(focused()).isEqualTo("error-summary");
		assertThat(this.browser.findElement(By.id("measures-error")).getText())
			.isEqualTo("Mesures prises : Ce champ est obligatoire.");
		assertThat(this.browser.findElement(By.id("peopleNotifiedOn-error")).getText())
			.isEqualTo("Date de l'avis aux personnes : Ce champ est obligatoire.");
		assertThat(this.browser.findElement(By.id("description")).getAttribute("value"))
			.isEqualTo("Courriel envoyé au mauvais partenaire");
		this.browser.findElement(By.id("measures")).sendKeys("Le partenaire a détruit le courriel");
		set("peopleNotifiedOn", "2026-12-01");
		submit(this.browser.findElement(By.cssSelector("#incident-form button[type=submit]")));

		assertThat(result()).isEqualTo("L'incident est inscrit au registre.");
		WebElement row = this.browser.findElement(By.xpath("//tr[td[text()='Courriel envoyé au mauvais partenaire']]"));
		assertThat(row.getText()).contains("30 novembre 2026, 8 h 05", "1 décembre 2026");
		Browser.screenshot(this.browser, "console-incidents");
		row.findElement(By.tagName("a")).click();
		WebElement measures = this.browser.findElement(By.id("measures"));
		measures.sendKeys(Keys.END, "; procédure d'envoi revue");
		submit(this.browser.findElement(By.cssSelector("#incident-form button[type=submit]")));

		assertThat(result()).startsWith("Les changements sont enregistrés");
		assertThat(this.browser.findElement(By.id("history")).getText()).contains("Inscrit par admin le",
				"Modifié par admin le");
		assertThat(this.browser.findElement(By.id("measures")).getAttribute("value"))
			.isEqualTo("Le partenaire a détruit le courriel; procédure d'envoi revue");
	}

	@Test
	void aCoordinatorGetsTheFrenchAccessDeniedPage() {
		signIn("coordination.laval", "coordination-demo", "/console");
		assertThat(this.browser.findElements(By.linkText("Événements en échec"))).isEmpty();

		this.browser.get(console + "/console/admin/dead-letters");

		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Accès refusé");
		this.browser.get(console + "/console/admin/incidents");
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Accès refusé");
	}

	/**
	 * A well-formed referral its consumer gave up on after its retries, as the binder
	 * leaves it when the database was away: handed back, it applies.
	 */
	private String deadLetterAfterAnOutage(String referralId) {
		String eventId = UUID.randomUUID().toString();
		Map<String, String> headers = new HashMap<>(
				KafkaProbe.cloudEventHeaders(eventId, ReferralSubmittedV1.TYPE, referralId));
		headers.put("x-original-topic", Topics.REFERRAL_EVENTS);
		headers.put("x-exception-fqcn", "org.springframework.dao.DataAccessResourceFailureException");
		headers.put("x-exception-message", "Timed out while waiting for a server");
		this.kafka.send("error." + Topics.REFERRAL_EVENTS + ".waitlist-service", referralId,
				new EventJson().write(new ReferralSubmittedV1(referralId, Instant.parse("2026-11-20T14:03:00Z"),
						IntakeChannel.PARTNER_API, "clsc-ahuntsic", null, "fr", List.of("fr"), Clientele.ADULT,
						List.of(Approach.COGNITIVE_BEHAVIOURAL), false, Modality.EITHER,
						List.of(new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))), Priority.C,
						"H2M", List.of(), null, null)),
				headers);
		await().atMost(ofSeconds(20))
			.until(() -> this.http.get("/api/v1/admin/dead-letters")
				.<List<String>>json("$[?(@.eventId == '" + eventId + "')].id"), ids -> ids.size() == 1);
		return eventId;
	}

	/** An event that breaks its schema: its consumer dead-letters it at once. */
	private String deadLetter() {
		String eventId = UUID.randomUUID().toString();
		this.kafka.send(Topics.REFERRAL_EVENTS, "ref-1", "{\"referralId\":\"Marie Tremblay\"}",
				KafkaProbe.cloudEventHeaders(eventId, ReferralSubmittedV1.TYPE, "ref-1"));
		await().atMost(ofSeconds(20))
			.until(() -> this.http.get("/api/v1/admin/dead-letters")
				.<List<String>>json("$[?(@.eventId == '" + eventId + "')].id"), ids -> ids.size() == 1);
		return eventId;
	}

	private WebElement row(String eventId) {
		String id = this.http.get("/api/v1/admin/dead-letters")
			.<List<String>>json("$[?(@.eventId == '" + eventId + "')].id")
			.get(0);
		return this.browser.findElement(By.id("letter-" + id));
	}

	/** Presses a form's button and waits for the page it answers with. */
	private void submit(WebElement button) {
		WebElement before = this.browser.findElement(By.tagName("main"));
		button.click();
		Browser.awaitReplaced(this.browser, before, ofSeconds(20));
	}

	/** The result message, once the page after an action has put the focus on it. */
	private String result() {
		await().atMost(ofSeconds(10)).ignoreExceptions().until(() -> "result".equals(focused()));
		return this.browser.findElement(By.id("result")).getText();
	}

	private void signIn(String username, String password, String page) {
		this.browser.get(console + page);
		assertThat(this.browser.getCurrentUrl()).startsWith("http://127.0.0.1:" + AUTHORIZATION_PORT + "/login");
		this.browser.findElement(By.id("username")).sendKeys(username);
		this.browser.findElement(By.id("password")).sendKeys(password);
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		// The sign-in always lands on the queue.
		await().atMost(ofSeconds(20)).until(() -> this.browser.getCurrentUrl().startsWith(console + "/console"));
		this.browser.get(console + page);
	}

	private void set(String id, String value) {
		((JavascriptExecutor) this.browser).executeScript("arguments[0].value = arguments[1];",
				this.browser.findElement(By.id(id)), value);
	}

	private String focused() {
		return (String) ((JavascriptExecutor) this.browser)
			.executeScript("return document.activeElement && document.activeElement.id;");
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
