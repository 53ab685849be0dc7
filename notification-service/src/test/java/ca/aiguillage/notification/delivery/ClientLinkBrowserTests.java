package ca.aiguillage.notification.delivery;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.testing.Browser;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.KafkaProbe.WireRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;

import org.springframework.beans.factory.annotation.Value;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client's link, followed in a real headless Chromium; screenshots in
 * target/screenshots.
 */
class ClientLinkBrowserTests extends RunningNotificationService {

	@Value("${local.server.port}")
	int port;

	private WebDriver browser;

	@BeforeEach
	void openBrowser() {
		this.browser = Browser.chromium("fr-CA");
	}

	@AfterEach
	void closeBrowser() {
		this.browser.quit();
	}

	@Test
	void clientAcceptsAProposalOnceThroughTheLinkInTheirEmail() {
		Client client = newClient("fr");
		publish(SUBMITTED, client.referral());
		publish(PROPOSED, client.referral());
		String link = linkIn(client, "Une place vous est proposée");

		this.browser.get(link);
		Browser.screenshot(this.browser, "link-proposal-fr");
		assertThat(this.browser.findElement(By.id("question")).getText())
			.isEqualTo("Une place vous est proposée. L'acceptez-vous ?");
		this.browser.findElement(By.id("answer-accept")).click();

		Browser.screenshot(this.browser, "link-proposal-accepted-fr");
		assertThat(this.browser.findElement(By.id("done")).getText())
			.isEqualTo("Merci : votre acceptation est enregistrée. L'organisme vous contactera.");
		WireRecord answered = awaitAnswer(client.referral());
		assertThat(answered.value()).contains("\"answer\":\"ACCEPT\"", "\"channel\":\"LINK\"",
				"\"subjectId\":\"5d1e4c1a-3b9e-4b8e-8e0c-2a1f6f1b7c22\"");

		this.browser.get(link);
		Browser.screenshot(this.browser, "link-used-twice-fr");
		assertThat(this.browser.findElement(By.id("used")).getText()).startsWith("Ce lien a déjà servi.");
		assertThat(this.browser.getPageSource()).doesNotContain("Exception", "at ca.aiguillage");
	}

	@Test
	void usingALinkTwiceGetsAClearPageAndRecordsOneAnswer() {
		Client client = newClient("fr");
		publish(SUBMITTED, client.referral());
		publish(PROPOSED, client.referral());
		String path = linkIn(client, "Une place vous est proposée").replaceFirst("^http://127.0.0.1:\\d+", "");

		Http.Answer first = this.anonymous.call("POST", path + "?answer=DECLINE", null);
		Http.Answer second = this.anonymous.call("POST", path + "?answer=ACCEPT", null);

		assertThat(first.status()).isEqualTo(200);
		assertThat(first.body()).contains("votre refus est enregistré");
		assertThat(second.status()).isEqualTo(409);
		assertThat(second.header("Content-Type")).startsWith("text/html");
		assertThat(second.body()).contains("Ce lien a déjà servi");
		awaitAnswer(client.referral());
		assertThat(notificationEvents(client.referral()))
			.filteredOn(r -> EventCatalog.CLIENT_ANSWERED_V1.type().equals(r.header("ce_type")))
			.singleElement()
			.satisfies(answered -> assertThat(answered.value()).contains("\"answer\":\"DECLINE\""));
	}

	@Test
	void openingTheLinkAnswersNothing() {
		Client client = newClient("fr");
		publish(SUBMITTED, client.referral());
		publish(PROPOSED, client.referral());
		String path = linkIn(client, "Une place vous est proposée").replaceFirst("^http://127.0.0.1:\\d+", "");

		assertThat(this.anonymous.get(path).status()).isEqualTo(200);
		assertThat(this.anonymous.get(path).body()).contains("id=\"answer-accept\"");
		assertThat(this.aggregatesQuestion(client.referral())).isEmpty();
	}

	@Test
	void tamperedLinkGetsAClearPageNotAnErrorTrace() {
		Client client = newClient("fr");
		publish(SUBMITTED, client.referral());
		publish(PROPOSED, client.referral());
		String link = linkIn(client, "Une place vous est proposée");
		String tampered = link.substring(0, link.length() - 2) + (link.endsWith("AA") ? "BB" : "AA");

		this.browser.get(tampered);

		Browser.screenshot(this.browser, "link-tampered-fr");
		assertThat(this.browser.findElement(By.id("invalid")).getText()).startsWith("Ce lien n'est pas valide.");
		assertThat(this.anonymous.get(tampered.replaceFirst("^http://127.0.0.1:\\d+", "")).status()).isEqualTo(404);
	}

	@Test
	void expiredCheckInLinkGetsAClearPageInTheClientsLanguage() {
		Client client = newClient("en");
		publish(SUBMITTED, client.referral(), UUID.randomUUID().toString(),
				inLanguage(fixture(SUBMITTED, client.referral()), "en"));
		publish(EventCatalog.CHECK_IN_DUE_V1, client.referral(), UUID.randomUUID().toString(),
				replaced(fixture(EventCatalog.CHECK_IN_DUE_V1, client.referral()), "2027-01-03T14:03:00Z",
						"2026-01-03T14:03:00Z"));
		String link = linkIn(client, "Do you still need our services?");

		this.browser.get(link);

		Browser.screenshot(this.browser, "link-expired-en");
		assertThat(this.browser.findElement(By.id("expired")).getText()).startsWith("This link has expired.");
		assertThat(this.browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
	}

	@Test
	void clientWhoseSituationGotWorseSeesTheCrisisResourcesAndTheCoordinatorsHear() {
		Client client = newClient("en");
		publish(SUBMITTED, client.referral(), UUID.randomUUID().toString(),
				inLanguage(fixture(SUBMITTED, client.referral()), "en"));
		publish(EventCatalog.CHECK_IN_DUE_V1, client.referral());
		String link = linkIn(client, "Do you still need our services?");

		this.browser.get(link);
		Browser.screenshot(this.browser, "link-check-in-en");
		this.browser.findElement(By.id("answer-worse")).click();

		Browser.screenshot(this.browser, "link-check-in-worse-en");
		assertThat(pageOnceItSays("Thank you for telling us. A member of the team will contact you.")).contains("911",
				"811", "988");
		assertThat(awaitAnswer(client.referral()).value()).contains("\"subject\":\"CHECK_IN\"", "\"answer\":\"WORSE\"",
				"\"subjectId\":\"ci-1\"");
	}

	@Test
	void clientWhoNoLongerNeedsTheServiceSaysSoOnTheLinkPageAndWaitlistHearsIt() {
		Client client = newClient("fr");
		publish(SUBMITTED, client.referral());
		publish(EventCatalog.CHECK_IN_DUE_V1, client.referral());

		this.browser.get(linkIn(client, "Avez-vous encore besoin de nos services ?"));
		this.browser.findElement(By.id("answer-no_longer_needed")).click();

		assertThat(pageOnceItSays("Merci : nous fermerons votre demande.")).isNotBlank();
		// waitlist-service closes the referral on this answer (its ConsoleBrowserTests).
		assertThat(awaitAnswer(client.referral()).value()).contains("\"subject\":\"CHECK_IN\"",
				"\"answer\":\"NO_LONGER_NEEDED\"", "\"subjectId\":\"ci-1\"", "\"channel\":\"LINK\"");
	}

	@Test
	void headOfLineClientIsAskedWhetherTheyAreStillAvailableByEmailAndOnTheLinkPage() throws Exception {
		Client client = newClient("fr");
		publish(SUBMITTED, client.referral());
		publish(EventCatalog.CHECK_IN_DUE_V1, client.referral(), UUID.randomUUID().toString(),
				replaced(fixture(EventCatalog.CHECK_IN_DUE_V1, client.referral()),
						"\"answerBy\": \"2027-01-03T14:03:00Z\"",
						"\"answerBy\": \"2027-01-03T14:03:00Z\", \"trigger\": \"HEAD_OF_LINE\""));
		String email = plainText(awaitMail(client.email(), "Êtes-vous toujours disponible ?"));
		assertThat(email).contains("Une place pourrait bientôt vous être proposée").doesNotContain("encore besoin");

		this.browser.get(linkIn(client, "Êtes-vous toujours disponible ?"));
		Browser.screenshot(this.browser, "link-availability-fr");
		assertThat(this.browser.findElement(By.id("question")).getText()).isEqualTo("Êtes-vous toujours disponible ?");
		this.browser.findElement(By.id("other-language")).click();
		assertThat(this.browser.findElement(By.id("question")).getText()).isEqualTo("Are you still available?");
		this.browser.findElement(By.id("answer-still_waiting")).click();

		assertThat(awaitAnswer(client.referral()).value()).contains("\"subject\":\"CHECK_IN\"",
				"\"answer\":\"STILL_WAITING\"", "\"subjectId\":\"ci-1\"");
	}

	@Test
	void linkPageSwitchesToTheOtherLanguage() {
		Client client = newClient("fr");
		publish(SUBMITTED, client.referral());
		publish(EventCatalog.CHECK_IN_DUE_V1, client.referral());
		this.browser.get(linkIn(client, "Avez-vous encore besoin de nos services ?"));

		this.browser.findElement(By.id("other-language")).click();

		Browser.screenshot(this.browser, "link-check-in-switched-to-en");
		assertThat(this.browser.findElement(By.id("question")).getText()).isEqualTo("Do you still need our services?");
	}

	private List<OpenQuestion> aggregatesQuestion(String referral) {
		return this.aggregates.find(NotificationCase.class, referral)
			.map(NotificationCase::questions)
			.orElseThrow()
			.stream()
			.filter(question -> question.answer() != null)
			.toList();
	}

	@org.springframework.beans.factory.annotation.Autowired
	ca.aiguillage.platform.outbox.Aggregates aggregates;

	/** The link of the email with this subject, pointed at the service under test. */
	private String linkIn(Client client, String subject) {
		return "http://127.0.0.1:" + this.port + linkPath(textOf(awaitMail(client.email(), subject)));
	}

	private WireRecord awaitAnswer(String referral) {
		return await().atMost(ofSeconds(30))
			.until(() -> notificationEvents(referral).stream()
				.filter(r -> EventCatalog.CLIENT_ANSWERED_V1.type().equals(r.header("ce_type")))
				.findFirst(), Optional::isPresent)
			.orElseThrow();
	}

	/**
	 * The page's text once the page an answer was posted to shows {@code text}: right
	 * after the click, the page being left may still be there, and its body goes stale as
	 * the next one loads.
	 */
	private String pageOnceItSays(String text) {
		return await().atMost(ofSeconds(10))
			.ignoreException(StaleElementReferenceException.class)
			.until(() -> this.browser.findElement(By.tagName("body")).getText(), body -> body.contains(text));
	}

}
