package ca.aiguillage.notification.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.notification.stubs.StubbedChannels;
import ca.aiguillage.testing.Browser;
import ca.aiguillage.testing.KafkaProbe.WireRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import org.springframework.beans.factory.annotation.Value;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A self-referred client's confirmation link, followed in a real headless Chromium;
 * screenshots in target/screenshots.
 */
class DestinationConfirmationBrowserTests extends RunningNotificationService {

	private static final String WAITLISTED = "Votre demande est sur la liste d'attente";

	@Value("${local.server.port}")
	int port;

	private WebDriver browser;

	@BeforeEach
	void openBrowser() {
		this.browser = Browser.chromium("fr-CA");
	}

	@AfterEach
	void closeBrowserAndClock() {
		this.browser.quit();
		StubbedChannels.clock().reset();
	}

	@Test
	void clientConfirmsTheirAddressInTheBrowserAndTheHeldMessageGoesExactlyOnce() {
		Client client = selfReferredClient();
		publish(EventCatalog.WAITLISTED_V1, client.referral());
		awaitHeld(client.referral());
		String link = confirmationLink(client);

		this.browser.get(link);
		Browser.screenshot(this.browser, "confirmation-email-fr");
		assertThat(this.browser.findElement(By.id("question")).getText()).isEqualTo(
				"Confirmez-vous que cette adresse courriel est la vôtre et que nous pouvons vous y écrire au sujet de votre demande ?");
		assertThat(mailTo(client.email())).extracting(RunningNotificationService::subjectOf)
			.containsExactly(ASKING_TO_CONFIRM);
		this.browser.findElement(By.id("confirm")).click();

		Browser.screenshot(this.browser, "confirmation-email-done-fr");
		assertThat(this.browser.findElement(By.id("done")).getText())
			.isEqualTo("Merci : votre adresse courriel est confirmée. Nous vous y écrirons au sujet de votre demande.");
		awaitMail(client.email(), WAITLISTED);

		this.browser.get(link);
		Browser.screenshot(this.browser, "confirmation-used-fr");
		assertThat(this.browser.findElement(By.id("used")).getText())
			.isEqualTo("Cette confirmation a déjà été faite ; il n'y a rien d'autre à faire.");
		assertThat(this.anonymous.call("POST", path(link) + "?confirm=yes", null).status()).isEqualTo(409);
		assertThat(clientDeliveries(client.referral(), "waitlisted", "EMAIL")).singleElement()
			.satisfies(delivery -> assertThat(delivery).containsEntry("status", "SENT"));
		assertThat(mailTo(client.email())).extracting(RunningNotificationService::subjectOf)
			.containsExactly(ASKING_TO_CONFIRM, WAITLISTED);
	}

	@Test
	void expiredConfirmationLinkGetsAFrenchPageTheHeldMessagesFailAndTheOtherServicesHear() {
		Client client = selfReferredClient();
		publish(EventCatalog.WAITLISTED_V1, client.referral());
		awaitHeld(client.referral());
		String link = confirmationLink(client);

		StubbedChannels.clock().advance(Duration.ofDays(7).plusMinutes(1));

		this.browser.get(link);
		Browser.screenshot(this.browser, "confirmation-expired-fr");
		assertThat(this.browser.findElement(By.id("expired")).getText())
			.startsWith("Ce lien de confirmation est expiré");
		assertThat(this.browser.getPageSource()).doesNotContain("Exception", "at ca.aiguillage");
		assertThat(this.anonymous.call("POST", path(link) + "?confirm=yes", null).status()).isEqualTo(410);
		List<Map<String, Object>> failed = await().atMost(ofSeconds(30))
			.until(() -> clientDeliveries(client.referral(), "waitlisted", null),
					found -> found.size() == 2 && found.stream().allMatch(d -> "FAILED".equals(d.get("status"))));
		assertThat(failed).allSatisfy(
				delivery -> assertThat(delivery.get("reasonCode")).isEqualTo(NotificationCase.DESTINATION_UNCONFIRMED));
		List<WireRecord> recorded = await().atMost(ofSeconds(30))
			.until(() -> notificationEvents(client.referral()).stream()
				.filter(r -> r.value().contains("\"reasonCode\":\"NO_REACHABLE_CHANNEL\""))
				.toList(), found -> found.size() == 2);
		assertThat(recorded).allSatisfy(r -> assertThat(r.value()).contains("\"outcome\":\"FAILED\"",
				"\"eventType\":\"" + EventCatalog.WAITLISTED_V1.type() + "\""));
		assertThat(mailTo(client.email())).hasSize(1);
		assertThat(StubbedChannels.sms().sentTo(client.mobile())).hasSize(1);
	}

	@Test
	void forgedConfirmationLinkGetsAFrenchPageAndConfirmsNothing() {
		Client client = selfReferredClient();
		publish(EventCatalog.WAITLISTED_V1, client.referral());
		awaitHeld(client.referral());
		String link = confirmationLink(client);
		String forged = link.substring(0, link.length() - 2) + (link.endsWith("AA") ? "BB" : "AA");

		this.browser.get(forged);

		Browser.screenshot(this.browser, "confirmation-forged-fr");
		assertThat(this.browser.findElement(By.id("invalid")).getText()).startsWith("Ce lien n'est pas valide.");
		assertThat(this.anonymous.call("POST", path(forged) + "?confirm=yes", null).status()).isEqualTo(404);
		assertThat(clientDeliveries(client.referral(), "waitlisted", null)).hasSize(2)
			.allSatisfy(delivery -> assertThat(delivery).containsEntry("reasonCode",
					NotificationCase.AWAITING_CONFIRMATION));
	}

	private Client selfReferredClient() {
		String referral = UUID.randomUUID().toString();
		String email = "self-" + referral.substring(0, 8) + "@exemple.ca";
		String mobile = "+1438" + String.format("%07d", 2_000_000 + Math.abs(referral.hashCode()) % 7_000_000);
		StubbedChannels.contacts().register(referral, "fr", email, mobile, true, true);
		Client client = new Client(referral, email, mobile);
		selfReferred(client);
		return client;
	}

	private void awaitHeld(String referral) {
		await().atMost(ofSeconds(30))
			.until(() -> clientDeliveries(referral, "waitlisted", null), found -> found.size() == 2 && found.stream()
				.allMatch(d -> NotificationCase.AWAITING_CONFIRMATION.equals(d.get("reasonCode"))));
	}

	/** The email's confirmation link, pointed at the service under test. */
	private String confirmationLink(Client client) {
		return "http://127.0.0.1:" + this.port + linkPath(textOf(awaitMail(client.email(), ASKING_TO_CONFIRM)));
	}

	private static String path(String link) {
		return link.replaceFirst("^http://127.0.0.1:\\d+", "");
	}

	private List<Map<String, Object>> clientDeliveries(String referral, String template, String channel) {
		return deliveries(referral).stream()
			.filter(delivery -> "CLIENT".equals(delivery.get("audience")) && template.equals(delivery.get("template"))
					&& (channel == null || channel.equals(delivery.get("channel"))))
			.toList();
	}

}
