package ca.aiguillage.localstack;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import ca.aiguillage.testing.Browser;
import ca.aiguillage.testing.ConsoleSignIn;
import ca.aiguillage.testing.Fixtures;
import ca.aiguillage.testing.Http;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A coordinator, in a real headless Chromium on the whole local stack, signs in through
 * the authorization server, sees a new referral arrive without reloading, confirms the
 * proposal matching made, and the client's confirmation message is recorded by
 * notification-service.
 */
final class ConsoleJourney {

	private static final Logger log = LoggerFactory.getLogger(ConsoleJourney.class);

	private ConsoleJourney() {
	}

	static void coordinatorConfirmsAProposalAndTheClientIsTold(LocalStack stack) {
		String console = "http://127.0.0.1:" + stack.port(2) + "/console";
		WebDriver browser = Browser.chromium("fr-CA");
		try {
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
			wait.ignoring(StaleElementReferenceException.class);
			browser.get(console);
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
			browser.findElement(By.id("username")).sendKeys("coordination.laval");
			browser.findElement(By.id("password")).sendKeys("coordination-demo");
			browser.findElement(By.cssSelector("button[type=submit]")).click();
			wait.until(driver -> driver.getCurrentUrl().startsWith(console));
			((JavascriptExecutor) browser).executeScript("window.samePage = true;");

			// A partner's system refers a client to Laval while the coordinator watches.
			Http partner = Http.localhost(stack.port(0))
				.withToken(ConsoleSignIn.systemToken(stack.authorizationPort(), "demo-partner", "demo-partner-secret"));
			String referral = Fixtures.repositoryFile("examples/referral.json")
				.replace("\"client\":", "\"targetOrganizationId\": \"org-laval\",\n  \"client\":")
				.replace("\"Tremblay\"", "\"Tremblay-" + Long.toString(System.nanoTime(), 36) + "\"")
				.replace("marie-eve.tremblay@", "marie-eve." + Long.toString(System.nanoTime(), 36) + "@")
				.replace("+1 514 555 0142", "+1 450 555 0199")
				.replace("H2M 1K5", "H7N 5H9")
				// Available on weekdays and paying the regular fee: Laval's demo
				// therapists fit.
				.replace("\"annualIncome\": 24000", "\"annualIncome\": 80000")
				.replaceAll("\\{\"day\": \"(TUESDAY|THURSDAY)\", \"start\": \"[0-9:]+\", \"end\": \"[0-9:]+\"\\}",
						"{\"day\": \"$1\", \"start\": \"08:00\", \"end\": \"20:00\"}");
			String id = partner.postJson("/api/v1/referrals", referral).json("$.referralId");

			By row = By.id("referral-" + id);
			try {
				wait.until(ExpectedConditions.presenceOfElementLocated(row));
				wait.until(driver -> "Proposé"
					.equals(driver.findElement(row).findElement(By.className("status")).getText()));
			}
			finally {
				Browser.screenshot(browser, "console-0-queue");
				log.info("Queue answer: {}",
						Http.localhost(stack.port(2))
							.withToken(ConsoleSignIn.accessToken(stack.authorizationPort(), "admin", "admin-demo"))
							.get("/api/v1/queue?referralId=" + id)
							.body());
			}
			assertThat(((JavascriptExecutor) browser).executeScript("return window.samePage === true;"))
				.as("the referral arrived without a reload")
				.isEqualTo(true);
			Browser.screenshot(browser, "console-1-new-referral-live");

			browser.findElement(row).findElement(By.tagName("a")).click();
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("action-confirmation")));
			browser.findElement(By.cssSelector("#action-confirmation button[type=submit]")).sendKeys(Keys.ENTER);
			Instant clicked = Instant.now();
			wait.until(ExpectedConditions.alertIsPresent()).accept();
			wait.until(driver -> "Confirmé".equals(driver.findElement(By.id("status")).getText()));
			Browser.screenshot(browser, "console-2-confirmed");

			Http notifications = Http.localhost(stack.port(3))
				.withToken(ConsoleSignIn.accessToken(stack.authorizationPort(), "coordination.laval",
						"coordination-demo"));
			Http.Answer told = new WebDriverWait(browser, Duration.ofSeconds(60)).until(driver -> {
				Http.Answer deliveries = notifications.get("/api/v1/deliveries?referralId=" + id);
				List<String> confirmations = deliveries.json(
						"$[?(@.eventType == 'ca.aiguillage.waitlist.proposal-confirmed.v1' && @.audience == 'CLIENT')].status");
				return confirmations.contains("SENT") ? deliveries : null;
			});
			log.info("From the coordinator's click to the client's confirmation sent and recorded: {} ms",
					Duration.between(clicked, Instant.now()).toMillis());
			assertThat(told.body()).doesNotContain("marie-eve.", "Tremblay");
		}
		finally {
			browser.quit();
		}
	}

}
