package ca.aiguillage.platform.deadletters;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.aiguillage.contracts.waitlist.ReprioritisedV1;
import ca.aiguillage.platform.PlatformIntegrationTest;
import ca.aiguillage.platform.probe.ProbeConsumer;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.Http.Answer;
import ca.aiguillage.testing.KafkaProbe;
import ca.aiguillage.testing.TestIssuer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@PlatformIntegrationTest
class DeadLettersIntegrationTests {

	private static final String DEAD_LETTERS = "error.probe.events.platform-tests";

	private static final String PATH = "/api/v1/admin/dead-letters";

	@LocalServerPort
	int port;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	MongoOperations mongo;

	@Autowired
	ProbeConsumer consumer;

	@Test
	void anAdministratorSeesEachDeadLetterWithItsCauseButNotItsData() {
		String eventId = deadLetter();

		Answer answer = admin().get(PATH);

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.<List<String>>json("$[?(@.eventId == '" + eventId + "')].cause"))
			.containsExactly("ca.aiguillage.platform.events.MalformedEventException: /referralId pattern");
		assertThat(answer.<List<String>>json("$[?(@.eventId == '" + eventId + "')].originalTopic"))
			.containsExactly("probe.events");
		assertThat(answer.<List<Integer>>json("$[?(@.eventId == '" + eventId + "')].attempts")).containsExactly(1);
		assertThat(answer.body()).doesNotContain("Marie");
	}

	@Test
	void aDeadLetterWhoseCauseWasNotRetriedCountsOneAttemptAndAnyOtherTheBindingsMaximum() {
		String wrapped = deadLetter(Map.of("x-exception-fqcn", "org.springframework.messaging.MessagingException",
				"x-exception-stacktrace", "org.springframework.messaging.MessagingException: handler\n"
						+ "Caused by: ca.aiguillage.platform.events.MalformedEventException: /referralId pattern"));
		String retried = deadLetter(Map.of("x-exception-fqcn",
				"org.springframework.dao.DataAccessResourceFailureException", "x-exception-stacktrace",
				"org.springframework.dao.DataAccessResourceFailureException: timed out"));
		idOf(retried);

		Answer answer = admin().get(PATH);

		assertThat(answer.<List<Integer>>json("$[?(@.eventId == '" + wrapped + "')].attempts")).containsExactly(1);
		assertThat(answer.<List<Integer>>json("$[?(@.eventId == '" + retried + "')].attempts")).containsExactly(5);
	}

	@Test
	void onlyAnAdministratorMayListDeadLetters() {
		Http service = Http.localhost(this.port);

		assertThat(service.get(PATH).status()).isEqualTo(401);
		assertThat(service.withToken(TestIssuer.get().coordinator("org-laval")).get(PATH).status()).isEqualTo(403);
		assertThat(service.withToken(TestIssuer.get().partner("clsc-ahuntsic")).get(PATH).status()).isEqualTo(403);
		assertThat(service.withToken(TestIssuer.get().service("notification-service")).get(PATH).status())
			.isEqualTo(403);
		assertThat(service.withToken(TestIssuer.get().coordinator("org-laval"))
			.call("POST", PATH + "/" + DEAD_LETTERS + "~0~0/replay", null)
			.status()).isEqualTo(403);
	}

	@Test
	void aReplayHandsTheEventAsItWasBackToTheConsumerThatGaveUpOnceAndIsRecordedWithoutRepublishingIt() {
		String eventId = deadLetter();
		String id = idOf(eventId);

		Answer replayed = admin().call("POST", PATH + "/" + id + "/replay", null);
		Answer again = admin().call("POST", PATH + "/" + id + "/replay", null);

		assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
		assertThat(replayed.<String>json("$.action.kind")).isEqualTo("REPLAYED");
		assertThat(replayed.<String>json("$.action.by")).isEqualTo("admin");
		assertThat(again.status()).isEqualTo(409);
		List<Message<byte[]>> handled = this.consumer.handled(eventId);
		assertThat(handled).hasSize(1);
		assertThat(handled.get(0).getHeaders()).containsKey("ce_type")
			.doesNotContainKeys("x-exception-message", "x-original-topic");
		assertThat(new String((byte[]) handled.get(0).getHeaders().get("ce_type"), StandardCharsets.UTF_8))
			.isEqualTo(ReprioritisedV1.TYPE);
		assertThat(new String(handled.get(0).getPayload(), StandardCharsets.UTF_8)).contains("Marie Tremblay");
		assertThat(this.mongo.findById(id, DeadLetterAction.class)).isNotNull();
		// Not through the topic: its publisher owns it, and every other group would read
		// it again.
		assertThat(probe().readAll("probe.events")).noneMatch(record -> eventId.equals(record.header("ce_id")));
	}

	@Test
	void aReplayWhoseConsumerFailsAgainIsRefusedAndLeavesTheDeadLetterWaitingForALaterReplay() {
		String eventId = deadLetter();
		String id = idOf(eventId);
		this.consumer.failOn(eventId);

		Answer failed = admin().call("POST", PATH + "/" + id + "/replay", null);
		DeadLetterAction recordedAfterTheFailure = this.mongo.findById(id, DeadLetterAction.class);
		this.consumer.recover(eventId);
		Answer replayed = admin().call("POST", PATH + "/" + id + "/replay", null);

		assertThat(failed.status()).as(failed.body()).isEqualTo(503);
		assertThat(failed.<String>json("$.type")).isEqualTo("urn:ca:aiguillage:problem:replay-failed");
		assertThat(failed.<String>json("$.detail")).startsWith("Le service n'a toujours pas pu appliquer");
		assertThat(recordedAfterTheFailure).isNull();
		assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
		assertThat(this.consumer.handled(eventId)).hasSize(1);
	}

	@Test
	void aDiscardNeedsAReasonAndIsRecordedWithIt() {
		String id = idOf(deadLetter());

		Answer withoutReason = admin().call("POST", PATH + "/" + id + "/discard", "{}");
		Answer discarded = admin().call("POST", PATH + "/" + id + "/discard",
				"{\"reason\":\"Test referral sent by mistake\"}");

		assertThat(withoutReason.status()).isEqualTo(400);
		assertThat(discarded.status()).isEqualTo(200);
		assertThat(discarded.<String>json("$.action.kind")).isEqualTo("DISCARDED");
		assertThat(this.mongo.findById(id, DeadLetterAction.class).reason()).isEqualTo("Test referral sent by mistake");
		assertThat(admin().get(PATH).<List<String>>json("$[?(@.id == '" + id + "')].action.kind"))
			.containsExactly("DISCARDED");
	}

	@Test
	void replayAllHandsEveryWaitingDeadLetterBackToItsConsumerOnceEachRecordedAndLeavesTheDiscardedOnes() {
		String first = deadLetter();
		String second = deadLetter();
		String discarded = idOf(deadLetter());
		admin().call("POST", PATH + "/" + discarded + "/discard", "{\"reason\":\"Sent by mistake\"}");
		String firstId = idOf(first);
		String secondId = idOf(second);

		Answer replayed = admin().call("POST", PATH + "/replay-all", null);
		Answer again = admin().call("POST", PATH + "/replay-all", null);

		assertThat(replayed.status()).isEqualTo(200);
		assertThat(replayed.<List<String>>json("$[*].id")).contains(firstId, secondId).doesNotContain(discarded);
		assertThat(replayed.<List<String>>json("$[?(@.id == '" + firstId + "')].action.kind"))
			.containsExactly("REPLAYED");
		assertThat(again.<List<String>>json("$[*].id")).doesNotContain(firstId, secondId, discarded);
		assertThat(this.consumer.handled(first)).hasSize(1);
		assertThat(this.consumer.handled(second)).hasSize(1);
		assertThat(this.mongo.findById(firstId, DeadLetterAction.class).by()).isEqualTo("admin");
		assertThat(this.mongo.findById(secondId, DeadLetterAction.class).kind())
			.isEqualTo(DeadLetterAction.Kind.REPLAYED);
		assertThat(this.mongo.findById(discarded, DeadLetterAction.class).kind())
			.isEqualTo(DeadLetterAction.Kind.DISCARDED);
	}

	@Test
	void replayAllOfOneTopicLeavesTheOtherTopicsDeadLettersWaiting() {
		String id = idOf(deadLetter());

		Answer elsewhere = admin().call("POST", PATH + "/replay-all?topic=other.events", null);
		Answer byOriginalTopic = admin().call("POST", PATH + "/replay-all?topic=probe.events", null);

		assertThat(elsewhere.status()).isEqualTo(200);
		assertThat(elsewhere.<List<String>>json("$[*].id")).isEmpty();
		assertThat(byOriginalTopic.<List<String>>json("$[*].id")).contains(id);
	}

	@Test
	void replayAllIsForAdministratorsAndRefusesAMalformedTopic() {
		Http coordinator = Http.localhost(this.port).withToken(TestIssuer.get().coordinator("org-laval"));

		assertThat(coordinator.call("POST", PATH + "/replay-all", null).status()).isEqualTo(403);
		Answer malformed = admin().call("POST", PATH + "/replay-all?topic=a%20b", null);
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.body()).contains("topic");
	}

	@Test
	void anUnknownDeadLetterIsNotFound() {
		assertThat(admin().call("POST", PATH + "/" + DEAD_LETTERS + "~0~999999/replay", null).status()).isEqualTo(404);
		assertThat(admin().call("POST", PATH + "/error.elsewhere.group~0~0/replay", null).status()).isEqualTo(404);
	}

	private String deadLetter() {
		return deadLetter(Map.of());
	}

	private String deadLetter(Map<String, String> failure) {
		String eventId = UUID.randomUUID().toString();
		Map<String, String> headers = new HashMap<>(
				KafkaProbe.cloudEventHeaders(eventId, ReprioritisedV1.TYPE, "ref-1"));
		// What the binder adds when it gives up on a record.
		headers.put("x-original-topic", "probe.events");
		headers.put("x-exception-fqcn", "ca.aiguillage.platform.events.MalformedEventException");
		headers.put("x-exception-message", "/referralId pattern");
		headers.putAll(failure);
		probe().send(DEAD_LETTERS, "ref-1",
				"{\"referralId\":\"Marie Tremblay\",\"priority\":\"A\",\"reprioritisedAt\":\"2026-11-21T09:00:00Z\"}",
				headers);
		return eventId;
	}

	private String idOf(String eventId) {
		return await().atMost(Duration.ofSeconds(15))
			.until(() -> admin().get(PATH).<List<String>>json("$[?(@.eventId == '" + eventId + "')].id"),
					ids -> ids.size() == 1)
			.get(0);
	}

	private Http admin() {
		return Http.localhost(this.port).withToken(TestIssuer.get().admin());
	}

	private KafkaProbe probe() {
		return new KafkaProbe(this.broker.getBrokersAsString());
	}

}
