package ca.aiguillage.waitlist.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import ca.aiguillage.authorization.AuthorizationServerApplication;
import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.ContactChannel;
import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.common.SessionFee;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.matching.NoMatchFoundV1;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.matching.TherapistChangedV1;
import ca.aiguillage.contracts.notification.ClientAnsweredV1;
import ca.aiguillage.contracts.referral.PossibleDuplicateFlaggedV1;
import ca.aiguillage.contracts.referral.PossibleDuplicateResolvedV1;
import ca.aiguillage.contracts.referral.ReferralLinkedToOpenV1;
import ca.aiguillage.contracts.referral.ReferralRedirectedV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.testing.Axe;
import ca.aiguillage.testing.Browser;
import ca.aiguillage.testing.KafkaProbe.WireRecord;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import ca.aiguillage.waitlist.Wire;
import ca.aiguillage.waitlist.queue.QueueEntries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A coordinator in a real headless Chromium signs in through the real authorization
 * server, watches a referral arrive without reloading, and confirms its proposal.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = { "spring.config.name=waitlist-service", "waitlist.timers.enabled=false" })
class ConsoleBrowserTests extends RunningService {

	private static final Logger log = LoggerFactory.getLogger(ConsoleBrowserTests.class);

	static final int AUTHORIZATION_PORT = freePort();

	static final Pattern REFERRAL_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	static final ZoneId QUEBEC = ZoneId.of("America/Toronto");

	static ConfigurableApplicationContext authorization;

	static WebDriver browser;

	static String console;

	static final NeighbourStub neighbours = NeighbourStub.start();

	@Autowired
	QueueEntries queueEntries;

	@DynamicPropertySource
	static void signInThroughTheRealAuthorizationServer(DynamicPropertyRegistry registry) {
		registry.add("waitlist.console.issuer", () -> "http://127.0.0.1:" + AUTHORIZATION_PORT);
		registry.add("waitlist.console.matching-url", neighbours::url);
		registry.add("waitlist.console.referral-url", neighbours::url);
	}

	@BeforeAll
	static void startTheAuthorizationServerAndABrowser(@Value("${local.server.port}") int port) throws IOException {
		String issuer = "http://127.0.0.1:" + AUTHORIZATION_PORT;
		console = "http://127.0.0.1:" + port;
		Path keys = Files.createTempDirectory("waitlist-console-test");
		// The console's redirect is registered on 127.0.0.1: a loopback redirect may use
		// any port (RFC 8252), so this test's random port needs no other registration.
		authorization = AuthorizationServerApplication.startBesideServices(AUTHORIZATION_PORT, issuer,
				keys.resolve("signing-key.jwk.json"));
	}

	@BeforeEach
	void openABrowser() {
		browser = Browser.chromium("fr-CA");
		neighbours.answering(true);
	}

	@AfterEach
	void closeTheBrowser() {
		browser.quit();
	}

	@AfterAll
	static void stopTheAuthorizationServer() {
		if (authorization != null) {
			authorization.close();
		}
		neighbours.close();
	}

	@Test
	void coordinatorSignsInSeesANewReferralArriveLiveAndConfirmsItsProposal() {
		signIn("/console");
		assertThat(browser.findElement(By.tagName("h2")).getText()).isEqualTo("File d'attente");
		assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
		Browser.screenshot(browser, "console-queue-signed-in");
		((JavascriptExecutor) browser).executeScript("window.samePage = true;");

		String id = proposedToLaval();

		By row = By.id("referral-" + id);
		await().atMost(ofSeconds(20))
			.ignoreExceptions()
			.until(() -> browser.findElement(row).findElement(By.className("status")).getText().equals("Proposé"));
		assertThat(((JavascriptExecutor) browser).executeScript("return window.samePage === true;")).isEqualTo(true);
		// The row names the referral by when it was received and whose it is, not by its
		// id. A later live update may put a new row in its place between a look-up and a
		// read (a stale element): each check reads the row as it is then.
		await().atMost(ofSeconds(10))
			.ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
			.untilAsserted(() -> {
				assertThat(browser.findElement(row).findElement(By.tagName("a")).getText())
					.isEqualTo("Demande reçue le " + frenchDay(Instant.now().minus(Duration.ofDays(12)))
							+ ", adressée par CLSC d'Ahuntsic");
				assertThat(browser.findElement(row).getText()).doesNotContain(id.substring(0, 8));
			});
		Browser.screenshot(browser, "console-new-referral-appears-live");

		await().atMost(ofSeconds(10)).ignoreExceptionsInstanceOf(StaleElementReferenceException.class).until(() -> {
			browser.findElement(row).findElement(By.tagName("a")).click();
			return true;
		});
		await().atMost(ofSeconds(10)).until(() -> !browser.findElements(By.id("action-confirmation")).isEmpty());
		assertThat(browser.findElement(By.id("timeline")).getText()).contains("Thérapeute proposé");
		assertThat(browser.findElement(By.id("forecast")).getText()).contains("position 1");
		Browser.screenshot(browser, "console-referral-with-its-timeline");
		WebElement confirm = browser.findElement(By.cssSelector("#action-confirmation button[type=submit]"));
		// Keyboard only: the button takes the focus and Enter presses it.
		confirm.sendKeys(Keys.ENTER);
		Instant clicked = Instant.now();
		await().atMost(ofSeconds(10)).ignoreExceptions().until(() -> {
			browser.switchTo().alert().accept();
			return true;
		});
		await().atMost(ofSeconds(10))
			.ignoreExceptions()
			.until(() -> browser.findElement(By.id("status")).getText().equals("Confirmé"));
		// The focus moved to what the action did, so that it is read and in view.
		await().atMost(ofSeconds(5))
			.until(() -> "result".equals(browser.switchTo().activeElement().getAttribute("id")));
		Browser.screenshot(browser, "console-proposal-confirmed");

		WireRecord confirmed = await().atMost(ofSeconds(20))
			.until(() -> Wire.published(this.kafka, EventCatalog.PROPOSAL_CONFIRMED_V1, id),
					records -> records.size() == 1)
			.get(0);
		log.info("From the coordinator's confirmation to the event on the broker: {} ms",
				Duration.between(clicked, Instant.now()).toMillis());
		assertThat(confirmed.value()).contains("\"decidedBy\":\"COORDINATOR\"");
	}

	@Test
	void consoleSpeaksEnglishWhenAsked() {
		signIn("/console");

		browser.get(console + "/console?lang=en");

		assertThat(browser.findElement(By.tagName("h2")).getText()).isEqualTo("Queue");
		assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
		assertThat(browser.findElements(By.cssSelector("label[for=status]"))).singleElement()
			.satisfies(label -> assertThat(label.getText()).isEqualTo("Status"));
		Browser.screenshot(browser, "console-queue-english");

		startedTherapy(proposedToLaval());
		browser.findElement(By.linkText("Waits")).click();
		await().atMost(ofSeconds(10)).until(() -> !browser.findElements(By.id("waits-chart")).isEmpty());
		assertThat(browser.findElement(By.cssSelector("#waits-chart title")).getAttribute("textContent"))
			.isEqualTo("Share of clients who started within 60 days, by group");
		// Twelve days of waiting: org-laval's bar is full, 100 % within 60 days.
		assertThat(browser.findElements(By.cssSelector("#waits-chart rect"))).isNotEmpty();
		assertThat(browser.findElement(By.tagName("table")).getText()).contains("Centre de Laval", "100%")
			.doesNotContain("org-laval");
		Browser.screenshot(browser, "console-waits-english");
	}

	@Test
	void waitsPageDrawsWaitsWithAndWithoutClientDelaysAndTheQueueLengthOverTimeInWords() {
		signIn("/console");
		startedTherapy(proposedToLaval());

		browser.get(console + "/console/waits?groupBy=FEE_BAND&lang=fr");

		assertThat(browser.findElements(By.cssSelector("#waits-chart rect.with-client-delays"))).isNotEmpty();
		assertThat(browser.findElements(By.cssSelector("#waits-chart rect.without-client-delays"))).isNotEmpty();
		assertThat(browser.findElement(By.tagName("table")).getText())
			.contains("Sans les délais causés par le client", "Inconnu")
			.doesNotContain("UNKNOWN");
		assertThat(browser.findElements(By.cssSelector("#queue-length-chart polyline[data-organization=org-laval]")))
			.hasSize(1);
		assertThat(browser.findElement(By.id("queue-length-table")).getText()).contains("Centre de Laval")
			.doesNotContain("org-laval");
		assertThat(browser.findElement(By.id("queue-length-chart")).getText())
			.matches("(?s).*\\d{1,2} \\p{L}+ \\d{4}.*\\d{1,2} \\p{L}+ \\d{4}.*");
		Browser.screenshot(browser, "console-waits-and-queue-length");
	}

	@Test
	void waitsDownloadButtonGivesTheFiguresAsCsvInWords() {
		signIn("/console");
		startedTherapy(proposedToLaval());
		browser.get(console + "/console/waits?groupBy=REFERRER&lang=fr");

		WebElement download = browser.findElement(By.id("waits-csv"));
		assertThat(download.getText()).isEqualTo("Télécharger ces chiffres (CSV)");
		assertThat(download.getAttribute("download")).isEqualTo("waits.csv");
		// What the button downloads, fetched with the page's own session.
		String csv = (String) ((JavascriptExecutor) browser).executeAsyncScript(
				"const done = arguments[arguments.length - 1];"
						+ "fetch(arguments[0]).then(answer => answer.text()).then(done);",
				download.getAttribute("href"));

		assertThat(csv).startsWith("referent,debuts,part_en_60_jours,")
			.contains("\"CLSC d'Ahuntsic\",")
			.doesNotContain("clsc-ahuntsic");
	}

	@Test
	void overrideToSomeoneNotInTheDirectoryIsRefusedSayingWhyOnThePage() {
		signIn("/console");
		String id = proposedToLaval();
		awaitProposed(id);
		browser.get(console + "/console/referrals/" + id);
		await().atMost(ofSeconds(10)).until(() -> !browser.findElements(By.id("action-override")).isEmpty());

		assertThat(browser.findElements(By.cssSelector("input[name=therapistId]"))).isEmpty();
		// Matching offers Inès, but never announced her to this service: she is refused.
		new Select(browser.findElement(By.id("therapist-override"))).selectByValue("t-99");
		browser.findElement(By.id("reason-override")).sendKeys("La cliente la connaît déjà");
		browser.findElement(By.cssSelector("#action-override button[type=submit]")).click();
		await().atMost(ofSeconds(10)).ignoreExceptions().until(() -> {
			browser.switchTo().alert().accept();
			return true;
		});

		await().atMost(ofSeconds(10))
			.ignoreExceptions()
			.until(() -> browser.findElement(By.cssSelector("p.error"))
				.getText()
				.contains("Ce thérapeute n'est pas dans le répertoire de l'organisme du dossier."));
		assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Proposé");
		Browser.screenshot(browser, "console-override-refused");
	}

	@Test
	void coordinatorTakesASelfReferralFromTheNetworkQueueAndItJoinsTheirQueue() {
		signIn("/console");
		String id = selfReferralWithNoPlace();
		await().atMost(ofSeconds(20))
			.until(() -> this.http.get("/api/v1/queue/" + id),
					answer -> answer.status() == 200 && "WAITING".equals(answer.json("$.referral.status")));

		browser.findElement(By.linkText("File du réseau")).click();

		By row = By.id("referral-" + id);
		await().atMost(ofSeconds(10)).until(() -> !browser.findElements(row).isEmpty());
		assertThat(browser.findElement(By.tagName("h2")).getText()).isEqualTo("File du réseau");
		Browser.screenshot(browser, "console-network-queue");
		browser.findElement(row).findElement(By.tagName("a")).click();
		await().atMost(ofSeconds(10)).until(() -> !browser.findElements(By.id("action-taking")).isEmpty());
		assertThat(browser.findElement(By.id("access")).getText())
			.isEqualTo("Aucun organisme ne suit encore ce dossier. Prenez-le en charge pour agir.");
		assertThat(browser.findElements(By.id("action-confirmation"))).isEmpty();
		browser.findElement(By.cssSelector("#action-taking button[type=submit]")).click();
		await().atMost(ofSeconds(10)).ignoreExceptions().until(() -> {
			browser.switchTo().alert().accept();
			return true;
		});

		await().atMost(ofSeconds(10))
			.ignoreExceptions()
			.until(() -> browser.findElement(By.cssSelector("p.notice"))
				.getText()
				.equals("Le dossier est pris en charge par votre organisme."));
		assertThat(browser.findElements(By.id("action-taking"))).isEmpty();
		assertThat(browser.findElement(By.id("timeline")).getText()).contains("Pris en charge par un organisme");
		browser.get(console + "/console/network");
		assertThat(browser.findElements(row)).isEmpty();
		leaveOrgLavalsQueue(id);
	}

	@Test
	void networkQueueNarrowsToTheOrganizationsAreaAndLanguagesAndToALanguageByName() {
		String spanishNearby = selfReferralWithNoPlace("es", "H2M", 30);
		String frenchFarAway = selfReferralWithNoPlace("fr", "J8Y", 30);
		String arabicInLaval = selfReferralWithNoPlace("ar", "H7N", 30);
		for (String id : List.of(spanishNearby, frenchFarAway, arabicInLaval)) {
			await().atMost(ofSeconds(20))
				.until(() -> this.http.get("/api/v1/queue/" + id),
						answer -> answer.status() == 200 && "WAITING".equals(answer.json("$.referral.status")));
		}
		signIn("/console");
		browser.get(console + "/console/network");
		assertThat(browser.findElement(By.id("ours")).getText())
			.isEqualTo("Territoire de votre organisme : H2M, H7. Langues : français, espagnol.");

		browser.findElement(By.id("in-our-area")).click();
		browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
		await().atMost(ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("inOurArea=true"));
		assertThat(shownOf(spanishNearby, frenchFarAway, arabicInLaval)).containsExactly(spanishNearby, arabicInLaval);

		browser.findElement(By.id("in-our-languages")).click();
		browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
		await().atMost(ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("inOurLanguages=true"));
		assertThat(shownOf(spanishNearby, frenchFarAway, arabicInLaval)).containsExactly(spanishNearby);

		browser.get(console + "/console/network");
		new Select(browser.findElement(By.id("language"))).selectByVisibleText("arabe");
		browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
		await().atMost(ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("language=ar"));
		assertThat(shownOf(spanishNearby, frenchFarAway, arabicInLaval)).containsExactly(arabicInLaval);
		Browser.screenshot(browser, "console-network-queue-by-language");
	}

	private List<String> shownOf(String... ids) {
		return Arrays.stream(ids).filter(id -> !browser.findElements(By.id("referral-" + id)).isEmpty()).toList();
	}

	@Test
	void overrideOffersMatchingsCandidatesWithTheConstraintsEachBreaksAndPublishesThem() {
		Wire.publish(this.kafka, new TherapistChangedV1("t-12", "org-laval", true, 2, 0, 2, Instant.now()));
		signIn("/console");
		String id = proposedToLaval();
		awaitProposed(id);
		browser.get(console + "/console/referrals/" + id);
		await().atMost(ofSeconds(10)).until(() -> !browser.findElements(By.id("action-override")).isEmpty());

		Select therapists = new Select(browser.findElement(By.id("therapist-override")));
		assertThat(therapists.getOptions()).extracting(WebElement::getText)
			.containsExactly("Julie — 2 place(s) libre(s) — ne respecte pas : langue commune",
					"Inès — 1 place(s) libre(s)");
		therapists.selectByValue("t-12");
		browser.findElement(By.id("reason-override")).sendKeys("La cliente la connaît déjà");
		browser.findElement(By.cssSelector("#action-override button[type=submit]")).click();
		await().atMost(ofSeconds(10)).ignoreExceptions().until(() -> {
			browser.switchTo().alert().accept();
			return true;
		});

		WireRecord overridden = await().atMost(ofSeconds(20))
			.until(() -> Wire.published(this.kafka, EventCatalog.PROPOSAL_OVERRIDDEN_V1, id),
					records -> records.size() == 1)
			.get(0);
		assertThat(overridden.value()).contains("\"therapistId\":\"t-12\"",
				"\"brokenConstraints\":[\"SHARED_LANGUAGE\"]");
		assertThat(neighbours.requests)
			.anyMatch(request -> request.startsWith("/api/v1/referrals/" + id + "/override-candidates Bearer "));
		leaveOrgLavalsQueue(id);
	}

	@Test
	void videoPlaceOfTheNetworkShowsToTheCoordinatorsOfBothOrganizationsWithWhyAndOnlyTheHomeOneActs() {
		String id = videoPlaceOfLavalForAMontrealNordClient();

		signIn("/console");
		browser.get(console + "/console?language=so");
		By row = By.id("referral-" + id);
		await().atMost(ofSeconds(10)).ignoreExceptions().until(() -> browser.findElement(row).isDisplayed());
		assertThat(browser.findElement(row).getText()).contains("Réseau vidéo");
		browser.findElement(row).findElement(By.tagName("a")).click();
		await().atMost(ofSeconds(10)).until(() -> !browser.findElements(By.id("video-pool")).isEmpty());
		assertThat(browser.findElement(By.id("video-pool")).getText()).isEqualTo("Réseau vidéo");
		assertThat(browser.findElement(By.id("video-pool-why")).getText()).isEqualTo(
				"Aucune place en somali dans l'organisme Psychothérapie Montréal-Nord ; place en vidéo offerte par "
						+ "Centre de Laval (réseau), au tarif de l'organisme Psychothérapie Montréal-Nord.");
		assertThat(browser.findElement(By.id("access")).getText()).contains("lecture seule");
		assertThat(browser.findElements(By.id("action-confirmation"))).isEmpty();
		Browser.screenshot(browser, "console-video-pool-host");

		browser.quit();
		browser = Browser.chromium("fr-CA");
		signIn("/console", "coordination.montreal-nord");
		browser.get(console + "/console/referrals/" + id);
		assertThat(browser.findElement(By.id("video-pool-why")).getText()).contains("offerte par Centre de Laval");
		assertThat(browser.findElements(By.id("access"))).isEmpty();
		assertThat(browser.findElements(By.id("action-confirmation"))).isNotEmpty();
		Browser.screenshot(browser, "console-video-pool-home");
	}

	@Test
	void referralPageNamesPeopleAndPlacesShowsTheClientAndSaysQuebecTimeInFrench() {
		signIn("/console");
		String id = proposedToLaval();
		awaitProposed(id);
		// The same person referred themself again: intake linked it on arrival.
		String linkedOnArrival = UUID.randomUUID().toString();
		Wire.publish(this.kafka, new ReferralLinkedToOpenV1(linkedOnArrival, id, null,
				List.of("NAME_AND_DATE_OF_BIRTH"), Instant.now()));
		await().atMost(ofSeconds(20))
			.until(() -> this.http.get("/api/v1/queue/" + id).json("$.linkedHere[*].referralId"),
					linked -> ((List<?>) linked).contains(linkedOnArrival));

		browser.get(console + "/console/referrals/" + id);

		assertThat(browser.findElement(By.id("therapist")).getText()).isEqualTo("Camille");
		assertThat(browser.findElement(By.id("languages")).getText()).isEqualTo("français, espagnol");
		assertThat(browser.findElement(By.id("priority")).getText()).isEqualTo("C (28 jours ou moins)");
		assertThat(browser.findElement(By.id("score")).getText()).startsWith("Score 0,82, la somme de : ");
		assertThat(browser.findElement(By.id("timeline")).getText())
			.containsPattern(
					"\\d{1,2} \\p{L}+ \\d{4}, \\d{1,2} h \\d{2} — Dossier reçu \\(par un partenaire \\(API\\)\\)")
			.doesNotContain("PARTNER_API", "Z —");
		assertThat(browser.findElement(By.id("identity")).getText()).contains("Marie Tremblay", "texto",
				"+15145550123");
		assertThat(browser.findElement(By.cssSelector("#identity a[href='tel:+15145550123']")).isDisplayed()).isTrue();
		assertThat(neighbours.requests).anyMatch(
				request -> request.startsWith("/api/v1/referrals/" + id + "/identity?purpose=CONTACT_CLIENT Bearer "));
		// The referral and the one linked to it are named in words, never by their ids.
		assertThat(browser.findElement(By.tagName("h2")).getText()).isEqualTo("Demande reçue le "
				+ frenchDay(Instant.now().minus(Duration.ofDays(12))) + ", adressée par CLSC d'Ahuntsic");
		assertThat(browser.findElement(By.cssSelector("#linked-here li")).getText()).isEqualTo("Autoréférence reçue le "
				+ frenchDay(Instant.now()) + " — rattachée dès son arrivée (jamais dans la file)");
		assertThat(browser.findElement(By.id("timeline")).getText()).contains("Doublon rattaché (une autoréférence)");
		assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContainPattern(REFERRAL_ID);
		Browser.screenshot(browser, "console-referral");

		browser.get(console + "/console/referrals/" + id + "?lang=en");
		assertThat(browser.findElement(By.cssSelector("#linked-here li")).getText()).isEqualTo(
				"Self-referral received on " + englishDay(Instant.now()) + " — linked on arrival (never in the queue)");
		assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContainPattern(REFERRAL_ID);
		leaveOrgLavalsQueue(id);
	}

	@Test
	void referralPageShowsWhenTheClientWasAskedWhetherTheyStillNeedTheServiceAndTheirAnswer() {
		signIn("/console");
		String id = UUID.randomUUID().toString();
		String checkInId = waitingInLavalAndAsked(id);
		Wire.publish(this.kafka, new ClientAnsweredV1(id, ClientAnsweredV1.Subject.CHECK_IN, checkInId,
				ClientAnsweredV1.Answer.STILL_WAITING, ClientAnsweredV1.Channel.SMS, Instant.now()));

		String timeline = await().atMost(ofSeconds(20)).until(() -> {
			browser.get(console + "/console/referrals/" + id);
			return browser.findElement(By.id("timeline")).getText();
		}, text -> text.contains("Réponse du client"));

		assertThat(timeline)
			.containsPattern("\\d{1,2} \\p{L}+ \\d{4}, \\d{1,2} h \\d{2} — Suivi envoyé \\(suivi n° 1\\)")
			.containsPattern(
					"\\d{1,2} \\p{L}+ \\d{4}, \\d{1,2} h \\d{2} — Réponse du client \\(au suivi : attend toujours\\)")
			.doesNotContain("STILL_WAITING", "CHECK_IN");
		leaveOrgLavalsQueue(id);
	}

	@Test
	void clientWhoNoLongerNeedsTheServiceLeavesTheQueueAndTheHistorySaysItWithTheQuebecTime() {
		signIn("/console");
		String id = UUID.randomUUID().toString();
		String checkInId = waitingInLavalAndAsked(id);
		// 13:05 UTC on December 3rd is 8 h 05 in Montréal.
		Wire.publish(this.kafka,
				new ClientAnsweredV1(id, ClientAnsweredV1.Subject.CHECK_IN, checkInId,
						ClientAnsweredV1.Answer.NO_LONGER_NEEDED, ClientAnsweredV1.Channel.LINK,
						Instant.parse("2026-12-03T13:05:00Z")));

		WireRecord left = await().atMost(ofSeconds(20))
			.until(() -> Wire.published(this.kafka, EventCatalog.REFERRAL_LEFT_QUEUE_V2, id),
					records -> !records.isEmpty())
			.get(0);
		assertThat(left.value()).contains("\"outcome\":\"NO_LONGER_NEEDED\"", "\"closedBy\":\"CLIENT\"");
		assertThat(this.http.get("/api/v1/queue/" + id).<String>json("$.referral.status"))
			.isEqualTo("NO_LONGER_NEEDED");
		browser.get(console + "/console/referrals/" + id);
		String timeline = browser.findElement(By.id("timeline")).getText();

		assertThat(timeline).contains(
				"3 décembre 2026, 8 h 05 — Sorti de la file (La personne a indiqué ne plus avoir besoin du service)")
			.doesNotContain("NO_LONGER_NEEDED", "CLIENT");
		assertThat(this.http.get("/api/v1/queue?referrer=clsc-ahuntsic&size=200")
			.<List<String>>json("$.items[*].referralId")).doesNotContain(id);
	}

	/**
	 * A partner's referral waiting in org-laval's queue for 31 days, asked by its first
	 * check-in as the poller would.
	 * @return the check-in's id
	 */
	private String waitingInLavalAndAsked(String id) {
		Instant registered = Instant.now().minus(Duration.ofDays(31));
		Wire.publish(this.kafka,
				new ReferralSubmittedV1(id, registered, IntakeChannel.PARTNER_API, "clsc-ahuntsic", "org-laval", "fr",
						List.of("fr"), Clientele.ADULT, List.of(Approach.COGNITIVE_BEHAVIOURAL), false, Modality.EITHER,
						List.of(new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))), Priority.C,
						"H2M", List.of(), null, null));
		Wire.publish(this.kafka, new NoMatchFoundV1(id, List.of("NO_FREE_PLACE"), 12, registered));
		await().atMost(ofSeconds(20))
			.until(() -> this.http.get("/api/v1/queue/" + id),
					answer -> answer.status() == 200 && "WAITING".equals(answer.json("$.referral.status")));
		assertThat(this.queueEntries.fireDueTimers(id)).isPositive();
		WireRecord checkIn = await().atMost(ofSeconds(20))
			.until(() -> Wire.published(this.kafka, EventCatalog.CHECK_IN_DUE_V1, id), records -> !records.isEmpty())
			.get(0);
		return checkIn.value().replaceAll(".*\"checkInId\":\"([^\"]+)\".*", "$1");
	}

	@Test
	void coordinatorComparesAPossibleDuplicateSideBySideAndSeparatesThem() {
		String earlier = proposedToLaval();
		String flagged = proposedToLaval();
		awaitProposed(earlier);
		awaitProposed(flagged);
		neighbours.comparingWith(earlier);
		Wire.publish(this.kafka, new PossibleDuplicateFlaggedV1(flagged, earlier, List.of("PHONE"), Instant.now()));
		signIn("/console");

		browser.findElement(By.linkText("Doublons possibles")).click();
		By row = By.id("duplicate-" + flagged);
		await().atMost(ofSeconds(20)).until(() -> {
			browser.navigate().refresh();
			return !browser.findElements(row).isEmpty();
		});
		assertThat(browser.findElement(row).getText()).contains("CLSC d'Ahuntsic", "téléphone");
		browser.findElement(row).findElement(By.tagName("a")).click();
		await().atMost(ofSeconds(10)).until(() -> !browser.findElements(By.id("comparison")).isEmpty());

		assertThat(browser.findElement(By.id("comparison")).getText()).contains("Julien Tremblay", "Marie Tremblay",
				"2 avril 1990", "14 mars 1988", "H2M 1A1", "H7N 2B2", "CLSC d'Ahuntsic", "1 décembre 2026, 8 h 05",
				"20 novembre 2026, 10 h 30", "téléphone");
		// Each person's phone and email, so that two people sharing a phone are told
		// apart.
		assertThat(browser.findElement(By.id("phones")).findElements(By.cssSelector("a[href='tel:+15145550123']")))
			.hasSize(2);
		assertThat(browser.findElement(By.id("emails")).getText())
			.isEqualTo("Courriel julien.t@example.org non fourni");
		assertThat(browser.findElement(By.cssSelector("#emails a")).getAttribute("href"))
			.isEqualTo("mailto:julien.t@example.org");
		assertThat(neighbours.requests)
			.anyMatch(request -> request.startsWith("/api/v1/referrals/" + flagged + "/possible-duplicates Bearer "));
		Browser.screenshot(browser, "console-possible-duplicate");
		assertThat(browser.findElement(By.cssSelector("#decision-link button")).getText())
			.isEqualTo("Même personne — rattacher");
		browser.findElement(By.cssSelector("#decision-separate button")).click();
		await().atMost(ofSeconds(10)).ignoreExceptions().until(() -> {
			browser.switchTo().alert().accept();
			return true;
		});

		await().atMost(ofSeconds(10))
			.ignoreExceptions()
			.until(() -> browser.findElement(By.id("result")).getText().equals("Les deux dossiers restent séparés."));
		await().atMost(ofSeconds(5))
			.until(() -> "result".equals(browser.switchTo().activeElement().getAttribute("id")));
		assertThat(neighbours.requests).anyMatch(request -> request
			.startsWith("POST /api/v1/referrals/" + flagged + "/possible-duplicates/" + earlier + "/separate Bearer "));
		// referral-service publishes the decision: the referral leaves the list.
		Wire.publish(this.kafka, new PossibleDuplicateResolvedV1(flagged, earlier,
				PossibleDuplicateResolvedV1.Resolution.SEPARATE, "coordination.laval", Instant.now()));
		await().atMost(ofSeconds(20)).until(() -> {
			browser.get(console + "/console/duplicates");
			return browser.findElements(row).isEmpty() && !browser.findElements(By.id("duplicates")).isEmpty();
		});
		leaveOrgLavalsQueue(flagged);
		leaveOrgLavalsQueue(earlier);
	}

	@Test
	void referralLinkedAsADuplicateSaysWhichReferralItJoinedAndThatReferralSaysItBack() {
		String earlier = proposedToLaval();
		String flagged = proposedToLaval();
		awaitProposed(earlier);
		awaitProposed(flagged);
		Wire.publish(this.kafka, new PossibleDuplicateFlaggedV1(flagged, earlier, List.of("PHONE"), Instant.now()));
		Wire.publish(this.kafka, new PossibleDuplicateResolvedV1(flagged, earlier,
				PossibleDuplicateResolvedV1.Resolution.LINKED, "org-laval", Instant.now()));
		await().atMost(ofSeconds(20))
			.until(() -> "CLOSED".equals(this.http.get("/api/v1/queue/" + flagged).json("$.referral.status")));
		signIn("/console");

		browser.get(console + "/console/referrals/" + flagged);

		String received = "Demande reçue le " + frenchDay(Instant.now().minus(Duration.ofDays(12)))
				+ ", adressée par CLSC d'Ahuntsic";
		assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Rattachée à : " + received);
		assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("Terminé")
			.doesNotContainPattern(REFERRAL_ID);
		browser.findElement(By.cssSelector("#status a")).click();
		await().atMost(ofSeconds(10)).until(() -> browser.getCurrentUrl().endsWith("/console/referrals/" + earlier));

		assertThat(browser.findElement(By.cssSelector("#linked-here li")).getText())
			.isEqualTo(received + " — rattachée par la coordination (elle a quitté la file)");
		assertThat(browser.findElement(By.cssSelector("#linked-here a")).getAttribute("href"))
			.endsWith("/console/referrals/" + flagged);
		assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContainPattern(REFERRAL_ID);
		leaveOrgLavalsQueue(earlier);
	}

	@Test
	void everyConsolePageHasNoSeriousOrCriticalAccessibilityViolation() {
		String earlier = proposedToLaval();
		String flagged = proposedToLaval();
		awaitProposed(earlier);
		awaitProposed(flagged);
		neighbours.comparingWith(earlier);
		Wire.publish(this.kafka, new PossibleDuplicateFlaggedV1(flagged, earlier, List.of("PHONE"), Instant.now()));
		await().atMost(ofSeconds(20)).until(() -> this.http.get("/api/v1/queue/" + flagged).status() == 200);
		signIn("/console");

		for (String page : List.of("/console", "/console/referrals/" + flagged, "/console/network", "/console/waits",
				"/console/duplicates", "/console/duplicates/" + flagged, "/console?lang=en")) {
			browser.get(console + page);
			assertThat(Axe.seriousViolations(browser)).as(page).isEmpty();
		}
		leaveOrgLavalsQueue(flagged);
		leaveOrgLavalsQueue(earlier);
	}

	@Test
	void anotherOrganizationsCoordinatorCannotOpenAPossibleDuplicate() {
		String earlier = proposedToLaval();
		String flagged = proposedToLaval();
		awaitProposed(flagged);
		Wire.publish(this.kafka, new PossibleDuplicateFlaggedV1(flagged, earlier, List.of("EMAIL"), Instant.now()));
		signIn("/console", "coordination.outaouais");

		browser.get(console + "/console/duplicates/" + flagged);

		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Page introuvable");
		assertThat(neighbours.requests).noneMatch(request -> request.contains(flagged + "/possible-duplicates"));
		browser.get(console + "/console/duplicates");
		assertThat(browser.findElements(By.id("duplicate-" + flagged))).isEmpty();
		leaveOrgLavalsQueue(flagged);
		leaveOrgLavalsQueue(earlier);
	}

	@Test
	void accessibilityCheckReportsAPageWithAnImageWithoutText() {
		browser.get("data:text/html;charset=utf-8,<!DOCTYPE html><html lang=fr><title>t</title><img src=x.png></html>");

		assertThat(Axe.seriousViolations(browser)).singleElement().asString().startsWith("image-alt (critical)");
	}

	@Test
	void focusOutlineShowsAtThreeToOneOnThePageAndOnTheHeader() {
		signIn("/console");

		browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
		WebElement skip = browser.switchTo().activeElement();
		assertThat(skip.getCssValue("outline-width")).isEqualTo("3px");
		assertThat(contrast(skip.getCssValue("outline-color"), "rgba(255, 255, 255, 1)")).isGreaterThanOrEqualTo(3);
		WebElement headerLink = browser.findElement(By.cssSelector("header h1 a"));
		// After a key press, a focus the page moves shows its outline as the keyboard's
		// does.
		((JavascriptExecutor) browser).executeScript("arguments[0].focus();", headerLink);

		assertThat(headerLink.getCssValue("outline-width")).isEqualTo("3px");
		assertThat(contrast(headerLink.getCssValue("outline-color"), "rgba(11, 79, 138, 1)")).isGreaterThanOrEqualTo(3);
	}

	@Test
	void crisisRedirectionOffersTheCrisisNumbersAsPhoneLinks() {
		String id = UUID.randomUUID().toString();
		Wire.publish(this.kafka,
				new ReferralRedirectedV1(id, null, "org-laval", "fr", List.of(ContactChannel.SMS), Instant.now()));
		await().atMost(ofSeconds(20)).until(() -> this.http.get("/api/v1/queue/" + id).status() == 200);
		signIn("/console");

		browser.get(console + "/console/referrals/" + id);

		assertThat(browser.findElements(By.cssSelector("#crisis a"))).extracting(link -> link.getAttribute("href"))
			.containsExactly("tel:911", "tel:811", "tel:988", "tel:+18662773553");
	}

	@Test
	void waitsWithoutAnyStartSayThereIsNoDataInsteadOfDrawingAnEmptyChart() {
		signIn("/console", "coordination.outaouais");

		browser.get(console + "/console/waits");

		assertThat(browser.findElement(By.id("waits-chart-empty")).getText()).isEqualTo("Aucune donnée");
		assertThat(browser.findElements(By.id("waits-chart"))).isEmpty();
	}

	/** WCAG's contrast ratio of two CSS colours, such as {@code rgba(26, 26, 26, 1)}. */
	private static double contrast(String one, String other) {
		double a = luminance(one);
		double b = luminance(other);
		return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
	}

	private static double luminance(String colour) {
		String[] parts = colour.replaceAll("[^0-9.,]", "").split(",");
		double[] channels = new double[3];
		for (int i = 0; i < 3; i++) {
			double c = Double.parseDouble(parts[i]) / 255;
			channels[i] = (c <= 0.03928) ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
		}
		return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
	}

	@Test
	void referralPageShowsIdsAndSaysSoWhenTheOtherServicesDoNotAnswer() {
		signIn("/console");
		String id = proposedToLaval();
		awaitProposed(id);
		neighbours.answering(false);

		browser.get(console + "/console/referrals/" + id);

		assertThat(browser.findElement(By.id("therapist")).getText()).isEqualTo("t-07 (nom indisponible)");
		assertThat(browser.findElement(By.id("identity-unavailable")).getText())
			.startsWith("Le nom et les coordonnées du client ne sont pas disponibles");
		assertThat(browser.findElements(By.id("therapist-override"))).isEmpty();
		assertThat(browser.findElement(By.className("override-unavailable")).getText())
			.startsWith("La liste des thérapeutes n'est pas disponible");
		leaveOrgLavalsQueue(id);
	}

	@Test
	void unknownReferralIsAFrenchPageWithAWayBackAndEnglishOnRequest() {
		signIn("/console");

		browser.get(console + "/console/referrals/no-such-referral");

		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Page introuvable");
		assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
		assertThat(browser.findElement(By.id("back")).getText()).isEqualTo("Retour à l'accueil de la console");
		assertThat(browser.findElements(By.className("crisis"))).isEmpty();
		assertThat(browser.getPageSource()).doesNotContain("Whitelabel", "\"status\"");
		Browser.screenshot(browser, "console-error-page");
		browser.findElement(By.id("back")).click();
		await().atMost(ofSeconds(10)).until(() -> browser.getCurrentUrl().startsWith(console + "/console"));
		assertThat(browser.findElement(By.tagName("h2")).getText()).isEqualTo("File d'attente");

		browser.get(console + "/console/referrals/no-such-referral?lang=en");

		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Page not found");
		assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
	}

	@Test
	void badAddressIsAFrenchPageNotAnEnglishWhitelabelPage() {
		signIn("/console");

		browser.get(console + "/console/waits?groupBy=NOPE");

		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Demande incomprise");
		assertThat(browser.findElement(By.className("code")).getText()).isEqualTo("Code d'erreur : 400");
	}

	@Test
	void partnerStaffAtTheConsoleGetAFrenchAccessDeniedPage() {
		browser.get(console + "/console");
		browser.findElement(By.id("username")).sendKeys("intervenant.ahuntsic");
		browser.findElement(By.id("password")).sendKeys("intervenant-demo");
		browser.findElement(By.cssSelector("button[type=submit]")).click();

		await().atMost(ofSeconds(20))
			.ignoreExceptions()
			.until(() -> browser.findElement(By.tagName("h1")).getText().equals("Accès refusé"));
		assertThat(browser.findElement(By.id("error-text")).getText()).contains("n'a pas accès à cette page");
	}

	/**
	 * Takes a referral out of org-laval's queue, so that the other tests' positions in it
	 * hold.
	 */
	private void leaveOrgLavalsQueue(String id) {
		String etag = this.http.get("/api/v1/queue/" + id).header("etag");
		assertThat(this.http
			.postJson("/api/v1/queue/" + id + "/ineligibility", "{\"reason\":\"Test terminé\"}", "If-Match", etag)
			.status()).isEqualTo(200);
	}

	private String selfReferralWithNoPlace() {
		// Registered long ago: the longest wait, first on the network queue's first page.
		return selfReferralWithNoPlace("fr", "H2M", 400);
	}

	private String selfReferralWithNoPlace(String language, String postalPrefix, int daysAgo) {
		String id = UUID.randomUUID().toString();
		Wire.publish(this.kafka,
				new ReferralSubmittedV1(id, Instant.now().minus(Duration.ofDays(daysAgo)), IntakeChannel.SELF_REFERRAL,
						null, null, language, List.of(language), Clientele.ADULT,
						List.of(Approach.COGNITIVE_BEHAVIOURAL), false, Modality.EITHER,
						List.of(new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))), null,
						postalPrefix, List.of(), null, null));
		Wire.publish(this.kafka, new NoMatchFoundV1(id, List.of("NO_FREE_PLACE"), 12, Instant.now()));
		return id;
	}

	private void awaitProposed(String id) {
		await().atMost(ofSeconds(20))
			.until(() -> this.http.get("/api/v1/queue/" + id),
					answer -> answer.status() == 200 && "PROPOSED".equals(answer.json("$.referral.status"))
							&& answer.json("$.referral.registeredAt") != null);
	}

	private void startedTherapy(String id) {
		awaitProposed(id);
		for (String action : List.of("confirmation", "first-session")) {
			String etag = this.http.get("/api/v1/queue/" + id).header("etag");
			assertThat(this.http.postJson("/api/v1/queue/" + id + "/" + action, "{}", "If-Match", etag).status())
				.isEqualTo(200);
		}
	}

	private void signIn(String page) {
		signIn(page, "coordination.laval");
	}

	private void signIn(String page, String username) {
		browser.get(console + page);
		assertThat(browser.getCurrentUrl()).startsWith("http://127.0.0.1:" + AUTHORIZATION_PORT + "/login");
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("password")).sendKeys("coordination-demo");
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		await().atMost(ofSeconds(20)).until(() -> browser.getCurrentUrl().startsWith(console + page));
	}

	private String proposedToLaval() {
		String id = UUID.randomUUID().toString();
		Instant now = Instant.now();
		Wire.publish(this.kafka,
				new ReferralSubmittedV1(id, now.minus(Duration.ofDays(12)), IntakeChannel.PARTNER_API, "clsc-ahuntsic",
						"org-laval", "fr", List.of("fr", "es"), Clientele.ADULT,
						List.of(Approach.COGNITIVE_BEHAVIOURAL), false, Modality.EITHER,
						List.of(new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))), Priority.C,
						"H2M", List.of(), null, null));
		Wire.publish(this.kafka,
				new ProposalMadeV1(id, "p-" + id, "t-07", "org-laval", Modality.VIDEO,
						new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(10, 0)),
						new ProposalMadeV1.Explanation(List.of("SHARED_LANGUAGE", "CLIENTELE", "COMMON_SLOT"),
								Map.of("approach", 0.9, "aging", 0.4), 0.82),
						now, "Camille", "Centre St-Pierre"));
		return id;
	}

	/**
	 * A Somali-speaking client of Montréal-Nord, proposed a video place of Laval through
	 * the network's pool at Montréal-Nord's fee.
	 */
	private String videoPlaceOfLavalForAMontrealNordClient() {
		String id = UUID.randomUUID().toString();
		Instant now = Instant.now();
		SessionFee fee = new SessionFee(1500, false, "scale-montreal-nord", "2026-1");
		Wire.publish(this.kafka,
				new ReferralSubmittedV1(id, now.minus(Duration.ofDays(20)), IntakeChannel.PARTNER_API, "clsc-ahuntsic",
						"org-montreal-nord", "so", List.of("so"), Clientele.ADULT,
						List.of(Approach.COGNITIVE_BEHAVIOURAL), false, Modality.EITHER,
						List.of(new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))), Priority.C,
						"H1G", List.of(), fee, null));
		Wire.publish(this.kafka,
				new ProposalMadeV1(id, "p-" + id, "t-07", "org-laval", Modality.VIDEO,
						new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(10, 0)),
						new ProposalMadeV1.Explanation(
								List.of("SHARED_LANGUAGE", "CLIENTELE", "MODALITY", "COMMON_SLOT", "FREE_PLACE",
										"VIDEO_POOL"),
								Map.of("aging", 2.7, "load", 0.5), 3.2, null,
								new ProposalMadeV1.VideoPool("org-montreal-nord", "so", fee)),
						now, "Camille", "Centre de Laval"));
		awaitProposed(id);
		return id;
	}

	/** A day as the console says it in French, in Quebec: "20 novembre 2026". */
	private static String frenchDay(Instant at) {
		return DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH).format(at.atZone(QUEBEC));
	}

	private static String englishDay(Instant at) {
		return DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH).format(at.atZone(QUEBEC));
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
