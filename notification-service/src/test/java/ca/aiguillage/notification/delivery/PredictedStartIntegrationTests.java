package ca.aiguillage.notification.delivery;

import java.util.Map;
import java.util.UUID;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.notification.stubs.StubbedChannels;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PredictedStartIntegrationTests extends RunningNotificationService {

	@Test
	void waitlistedClientReadsTheLikelyStartRangeAndItsBasisInFrench() throws Exception {
		Client client = newClient("fr");
		StubbedChannels.forecasts().predict(client.referral(), "2027-01-10", "2027-02-20", "CAPACITY", 8);
		int callsBefore = StubbedChannels.forecasts().authorizedCalls();
		publish(SUBMITTED, client.referral());

		publish(EventCatalog.WAITLISTED_V1, client.referral());

		MimeMessage email = awaitEmail(client, "Votre demande est sur la liste d'attente");
		assertThat(plainText(email)).contains("Début probable : entre le 10 janvier et le 20 février 2027 "
				+ "(7 personnes avant vous, selon les places des psychothérapeutes et la durée habituelle des suivis).");
		assertThat(awaitSms(client, "waitlisted"))
			.contains("liste d'attente. Début probable : entre le 10 janvier et le 20 février 2027. Rien à faire");
		assertThat(StubbedChannels.forecasts().authorizedCalls()).isGreaterThan(callsBefore);
	}

	@Test
	void waitlistedClientWhoAskedForEnglishReadsTheLikelyStartRangeAndItsBasisInEnglish() throws Exception {
		Client client = newClient("en");
		StubbedChannels.forecasts().predict(client.referral(), "2027-01-10", "2027-02-20", "CAPACITY", 8);
		publish(SUBMITTED, client.referral(), UUID.randomUUID().toString(),
				inLanguage(fixture(SUBMITTED, client.referral()), "en"));

		publish(EventCatalog.WAITLISTED_V1, client.referral());

		MimeMessage email = awaitEmail(client, "Your request is on the waiting list");
		assertThat(plainText(email)).contains("Likely start: between January 10 and February 20, 2027 "
				+ "(7 people ahead of you, based on therapists' places and how long therapies usually last).");
	}

	@Test
	void checkInTellsTheLikelyStartWithTheBasisOfItsMethod() throws Exception {
		Client client = newClient("fr");
		StubbedChannels.forecasts().predict(client.referral(), "2027-12-15", "2028-02-01", "OBSERVED_STARTS", 2);
		publish(SUBMITTED, client.referral());

		publish(EventCatalog.CHECK_IN_DUE_V1, client.referral());

		MimeMessage email = awaitEmail(client, "Avez-vous encore besoin de nos services ?");
		assertThat(plainText(email)).contains("Début probable : entre le 15 décembre 2027 et le 1 février 2028 "
				+ "(1 personne avant vous, selon le nombre de suivis commencés ces derniers mois).");
	}

	@Test
	void clientWaitlistServiceHasNoForecastForReadsThatNoEstimateIsAvailableYet() throws Exception {
		Client client = newClient("fr");
		publish(SUBMITTED, client.referral());

		publish(EventCatalog.WAITLISTED_V1, client.referral());

		MimeMessage email = awaitEmail(client, "Votre demande est sur la liste d'attente");
		assertThat(plainText(email))
			.contains("Aucune estimation de la date de début de votre suivi n'est encore disponible.")
			.doesNotContain("Début probable");
	}

	// Last: its failures count in waitlist-service's circuit breaker, which the tests
	// above need closed.
	@Test
	@Order(Integer.MAX_VALUE)
	void forecastOutageStillSendsTheWaitlistedMessageSayingNoEstimateIsAvailableYet() throws Exception {
		Client client = newClient("fr");
		StubbedChannels.forecasts().outageFor(client.referral());
		int callsBefore = StubbedChannels.forecasts().authorizedCalls();
		publish(SUBMITTED, client.referral());

		publish(EventCatalog.WAITLISTED_V1, client.referral());

		MimeMessage email = awaitEmail(client, "Votre demande est sur la liste d'attente");
		assertThat(plainText(email))
			.contains("Aucune estimation de la date de début de votre suivi n'est encore disponible.");
		assertThat(awaitSms(client, "waitlisted")).contains("Date de début : pas encore d'estimation.");
		assertThat(StubbedChannels.forecasts().authorizedCalls()).isGreaterThan(callsBefore);
	}

	private static MimeMessage awaitEmail(Client client, String subject) {
		return await().atMost(ofSeconds(30))
			.until(() -> mailTo(client.email()).stream().filter(mail -> subject.equals(subjectOf(mail))).toList(),
					mails -> mails.size() == 1)
			.get(0);
	}

	private String awaitSms(Client client, String template) {
		// Only the client's text matters here: a partner's webhook registered by another
		// test class may still be retrying, and that is not this test's concern.
		Map<String, Object> sms = await().atMost(ofSeconds(30))
			.until(() -> deliveries(client.referral()).stream()
				.filter(d -> template.equals(d.get("template")) && "SMS".equals(d.get("channel"))
						&& "SENT".equals(d.get("status")))
				.findFirst(), java.util.Optional::isPresent)
			.orElseThrow();
		return (String) sms.get("body");
	}

}
