package ca.aiguillage.localstack;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.Topics;
import ca.aiguillage.testing.ConsoleSignIn;
import ca.aiguillage.testing.Fixtures;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.KafkaProbe;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A partner's integration engine publishes a referral on its own inbound topic, logged in
 * to the broker as itself, and follows it through the API: the referral is that partner's
 * and no other's.
 */
final class InboundJourney {

	private InboundJourney() {
	}

	static void partnerPublishesOnItsOwnTopicAndFollowsTheReferralInTheApi(LocalStack stack) throws Exception {
		String eventId = UUID.randomUUID().toString();
		String referral = Fixtures.repositoryFile("examples/referral.json")
			.replace("CLSC-AHU-2026-0142", "DEMO-INBOUND-1")
			.replace("Marie-Ève", "Inès")
			.replace("Tremblay", "Kaddour")
			.replace("1991-04-12", "1987-09-30")
			.replace("marie-eve.tremblay", "ines.kaddour")
			.replace("555 0142", "555 0199");
		Map<String, Object> login = new HashMap<>(stack.kafkaClientSettings("demo-partner"));
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(login, new StringSerializer(),
				new StringSerializer())) {
			ProducerRecord<String, String> record = new ProducerRecord<>(Topics.inboundOf("demo-partner"),
					"DEMO-INBOUND-1", referral);
			// The source names someone else: it is not what says whose referral this is.
			Map<String, String> headers = KafkaProbe.cloudEventHeaders(eventId, EventCatalog.INBOUND_REFERRAL_V1.type(),
					"DEMO-INBOUND-1");
			headers.put("ce_source", "clsc-ahuntsic");
			headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
			producer.send(record).get();
		}
		String id = UUID.nameUUIDFromBytes(("demo-partner|" + eventId).getBytes(StandardCharsets.UTF_8)).toString();

		Http demoPartner = Http.localhost(stack.port(0))
			.withToken(ConsoleSignIn.systemToken(stack.authorizationPort(), "demo-partner", "demo-partner-secret"));
		Http.Answer read = await().atMost(ofSeconds(60))
			.until(() -> demoPartner.get("/api/v1/referrals/" + id), answer -> answer.status() == 200);
		assertThat(read.<String>json("$.referralId")).isEqualTo(id);
		Http otherPartner = Http.localhost(stack.port(0))
			.withToken(ConsoleSignIn.systemToken(stack.authorizationPort(), "clsc-ahuntsic-records",
					"clsc-ahuntsic-secret"));
		assertThat(otherPartner.get("/api/v1/referrals/" + id).status()).isIn(403, 404);
	}

}
