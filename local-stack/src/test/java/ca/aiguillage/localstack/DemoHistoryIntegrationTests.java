package ca.aiguillage.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.aiguillage.testing.Browser;
import ca.aiguillage.testing.ConsoleSignIn;
import ca.aiguillage.testing.Http;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo history on the real local stack, three weeks of it played on the same code
 * path as run-local.sh's six months: what a newcomer then sees has a past.
 */
class DemoHistoryIntegrationTests {

	private static final ZoneId QUEBEC = ZoneId.of("America/Toronto");

	/** Three weeks in about twenty seconds; a backlog of ten and about nine a week. */
	private static final DemoHistory.Plan THREE_WEEKS = DemoHistory.Plan.shorter(3, Duration.ofMillis(40),
			Map.of("initial-backlog", "60"));

	@TempDir
	static Path data;

	static LocalStack stack;

	static long referralsAfterHistory;

	@BeforeAll
	static void start() {
		stack = LocalStack.start(settings());
		referralsAfterHistory = referrals();
	}

	private static LocalStack.Settings settings() {
		return new LocalStack.Settings(data, FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(),
				List.of(0, 0, 0, 0), true, THREE_WEEKS);
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void waitReportCountsClientsWhoStartedInThePast() {
		Http waitlist = Http.localhost(stack.port(2)).withToken(admin());

		Http.Answer report = waitlist.get("/api/v1/insight/waits");

		assertThat(report.status()).isEqualTo(200);
		List<Integer> started = report.json("$.groups[*].started");
		assertThat(started.stream().mapToInt(Integer::intValue).sum()).isPositive();
		List<Integer> queueLengths = report.json("$.queueLength[*].days[*].length");
		assertThat(queueLengths).anyMatch(length -> length > 0);
	}

	@Test
	void waitingClientsWereRegisteredDaysAgoAndGetAPredictedStart() {
		Http waitlist = Http.localhost(stack.port(2)).withToken(admin());

		Http.Answer waiting = waitlist.get("/api/v1/queue?status=WAITING&sort=daysWaited,desc&size=1");
		assertThat(waiting.<List<Object>>json("$.items")).isNotEmpty();
		assertThat(waiting.<Integer>json("$.items[0].daysWaited")).isGreaterThanOrEqualTo(2);
		String id = waiting.json("$.items[0].referralId");

		Http.Answer forecast = waitlist.get("/api/v1/queue/" + id + "/predicted-start");
		assertThat(forecast.status()).isEqualTo(200);
		assertThat(forecast.<String>json("$.from")).isNotNull();
	}

	@Test
	void demoPeopleSayTheyAreDemoData() {
		Http partner = Http.localhost(stack.port(0))
			.withToken(ConsoleSignIn.systemToken(stack.authorizationPort(), "demo-partner", "demo-partner-secret"));

		Http.Answer referrals = partner.get("/api/v1/referrals?size=50");

		assertThat(referrals.<List<String>>json("$.items[*].partnerReference")).isNotEmpty()
			.allMatch(reference -> reference.startsWith("DÉMO-"));
	}

	@Test
	void historyHoldsSelfReferralsAndProposalsTheClientsAnsweredThroughTheirLink() {
		Http waitlist = Http.localhost(stack.port(2)).withToken(admin());
		Http.Answer all = waitlist.get("/api/v1/queue?size=200&status=" + String.join("&status=", List.of("SUBMITTED",
				"WAITING", "PROPOSED", "CONFIRMED", "IN_THERAPY", "CLOSED", "UNREACHABLE", "NO_LONGER_NEEDED")));
		assertThat(all.status()).isEqualTo(200);
		List<String> ids = all.json("$.items[*].referralId");
		assertThat(ids).isNotEmpty();

		List<String> intakeChannels = new ArrayList<>();
		List<String> clientAnswers = new ArrayList<>();
		for (String id : ids) {
			Http.Answer detail = waitlist.get("/api/v1/queue/" + id);
			intakeChannels.addAll(detail.<List<String>>json("$.timeline[?(@.what == 'SUBMITTED')].detail"));
			clientAnswers.addAll(detail.<List<String>>json("$.timeline[?(@.what == 'CLIENT_ANSWERED')].detail"));
		}

		// Both doors of intake: the partner's API and the public form.
		assertThat(intakeChannels).contains("SELF_REFERRAL").anyMatch(channel -> !channel.equals("SELF_REFERRAL"));
		// Only notification's link page (or a text reply) records a client's own answer.
		assertThat(clientAnswers).isNotEmpty().anyMatch(answer -> answer.startsWith("PROPOSAL:"));
	}

	@Test
	void caseloadShowsPlacesHeldSinceAPastDateAndPagesShowTheDemoBanner() {
		Http waitlist = Http.localhost(stack.port(2)).withToken(admin());
		Http.Answer inTherapy = waitlist.get("/api/v1/queue?status=IN_THERAPY&sort=stateSince,asc&size=1");
		assertThat(inTherapy.<List<Object>>json("$.items")).isNotEmpty();
		String therapistId = inTherapy.json("$.items[0].therapistId");

		WebDriver browser = Browser.chromium("fr-CA");
		try {
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
			String console = "http://127.0.0.1:" + stack.port(2) + "/console";
			browser.get(console);
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
			browser.findElement(By.id("username")).sendKeys("admin");
			browser.findElement(By.id("password")).sendKeys("admin-demo");
			browser.findElement(By.cssSelector("button[type=submit]")).click();
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("demo-banner")));
			assertThat(browser.findElement(By.id("demo-banner")).getText()).startsWith("Données de démonstration");

			// Cookies are per host, not per port: the console's session must not stand in
			// for the directory's. Signing in lands on the directory's home page.
			browser.manage().deleteAllCookies();
			String caseload = "http://127.0.0.1:" + stack.port(1) + "/directory/therapists/" + therapistId
					+ "/caseload";
			browser.get(caseload);
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("demo-banner")));
			browser.get(caseload);
			try {
				wait.until(ExpectedConditions.presenceOfElementLocated(By.id("summary")));
			}
			catch (TimeoutException ex) {
				throw new AssertionError("The caseload page of " + therapistId + " did not show, at "
						+ browser.getCurrentUrl() + ": " + browser.findElement(By.tagName("body")).getText(), ex);
			}
			Browser.screenshot(browser, "demo-history-caseload");
			assertThat(browser.findElement(By.id("demo-banner")).getText()).startsWith("Données de démonstration");
			LocalDate today = LocalDate.now(QUEBEC);
			// The "since" column only: the holder's cell names the referral by its own
			// date.
			List<String> since = browser.findElements(By.cssSelector("#held-places tbody td:nth-child(2)"))
				.stream()
				.map(WebElement::getText)
				.toList();
			assertThat(datesIn(String.join("\n", since))).anyMatch(held -> held.isBefore(today.minusDays(2)));

			// The directory (the same session): every demo therapist says it is one.
			browser.get("http://127.0.0.1:" + stack.port(1) + "/directory");
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("therapists")));
			Browser.screenshot(browser, "demo-history-directory");
			List<String> names = browser.findElements(By.cssSelector("#therapists tr[id^='therapist-'] td:first-child"))
				.stream()
				.map(cell -> cell.getText().strip())
				.toList();
			assertThat(names).isNotEmpty().allMatch(name -> name.endsWith("(démo)"));
		}
		finally {
			browser.quit();
		}
	}

	@Test
	void secondStartDoesNotPlayTheHistoryAgain() throws Exception {
		// What a start on this data directory decides, on the data the history left.
		assertThat(DemoHistory.due(THREE_WEEKS, data, stack.mongoUri())).isFalse();
		assertThat(Files.readAllLines(data.resolve(DemoHistory.MARKER))).hasSize(2)
			.last()
			.asString()
			.startsWith("played");
		assertThat(referralsAfterHistory).isPositive();
	}

	private static String admin() {
		return ConsoleSignIn.accessToken(stack.authorizationPort(), "admin", "admin-demo");
	}

	private static long referrals() {
		try (MongoClient client = MongoClients.create(stack.mongoUri())) {
			return client.getDatabase("referral").getCollection("referrals").countDocuments();
		}
	}

	/** The French dates a page shows, as "3 décembre 2026, 8 h 05". */
	private static List<LocalDate> datesIn(String text) {
		DateTimeFormatter french = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.CANADA_FRENCH);
		Matcher dates = Pattern.compile("(\\d{1,2} \\p{L}+ \\d{4})").matcher(text);
		return dates.results().map(found -> LocalDate.parse(found.group(1), french)).toList();
	}

}
