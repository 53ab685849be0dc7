package ca.aiguillage.referral.intake;

import java.util.Map;
import java.util.UUID;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.Topics;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.KafkaProbe;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "spring.config.name=referral-service", "logging.level.ca.aiguillage=DEBUG" })
class IntakeLogsIntegrationTests extends RunningService {

	@Test
	void aWholeIntakeLeavesNoPersonalDataInTheLogs(CapturedOutput output) {
		String person = ExampleReferrals.someone();
		String lastName = person.substring(person.indexOf("Tremblay-"), person.indexOf("Tremblay-") + 17);
		String phone = person.substring(person.indexOf("+1 514 555"), person.indexOf("+1 514 555") + 15);
		Http partner = this.anonymous.withToken(this.tokens.partner("clsc-logs"));
		// Over HTTP, again as a duplicate, over Kafka, invalid over Kafka, then followed,
		// read for a notification and withdrawn.
		String id = partner.postJson("/api/v1/referrals", person).json("$.referralId");
		partner.postJson("/api/v1/referrals", person);
		String eventId = UUID.randomUUID().toString();
		Map<String, String> headers = KafkaProbe.cloudEventHeaders(eventId, EventCatalog.INBOUND_REFERRAL_V1.type(),
				"LOGS-1");
		this.kafka.send(Topics.inboundOf("clsc-ahuntsic"), "LOGS-1", person, headers);
		String badId = UUID.randomUUID().toString();
		this.kafka.send(Topics.inboundOf("clsc-ahuntsic"), "LOGS-2", person.replace("1991-04-12", "2091-04-12"),
				KafkaProbe.cloudEventHeaders(badId, EventCatalog.INBOUND_REFERRAL_V1.type(), "LOGS-2"));
		this.kafka.awaitEvent("error." + Topics.inboundOf("clsc-ahuntsic") + ".referral-service", badId);
		partner.get("/api/v1/referrals/" + id);
		this.anonymous.withToken(this.tokens.service("notification-service"))
			.get("/api/v1/referrals/" + id + "/contact");
		partner.postJson("/api/v1/referrals/" + id + "/withdrawal", "");
		await().atMost(ofSeconds(20))
			.until(() -> this.kafka.readAll(Topics.REFERRAL_EVENTS)
				.stream()
				.anyMatch(record -> id.equals(record.key())
						&& EventCatalog.REFERRAL_WITHDRAWN_V1.type().equals(record.header("ce_type"))));

		// The capture works: the service's own lines are in it.
		assertThat(output.getAll()).contains("[referral-service]")
			.doesNotContain(lastName, "Marie-Ève", "marie-eve.", phone, phone.replace(" ", ""), "1991-04-12",
					"2091-04-12", "H2M 1K5", "H2M1K5", "Anxiété");
	}

}
