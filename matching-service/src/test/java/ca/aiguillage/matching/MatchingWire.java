package ca.aiguillage.matching;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.Topics;
import ca.aiguillage.testing.Fixtures;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.KafkaProbe;
import ca.aiguillage.testing.KafkaProbe.WireRecord;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What matching's integration tests send and read on the real broker: directory entries
 * and submitted referrals of one organization, the waitlist's decisions, and matching's
 * answers.
 */
public final class MatchingWire {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String SUBMITTED = Fixtures
		.repositoryFile("event-contracts/src/test/resources/fixtures/ca.aiguillage.referral.submitted.v1.json");

	private MatchingWire() {
	}

	/**
	 * A French- and Spanish-speaking CBT therapist for adults, both modalities, Tuesdays
	 * 10:00–12:00, two places.
	 */
	public static ObjectNode therapist(String organization) {
		Map<String, Object> profile = new HashMap<>();
		profile.put("organizationId", organization);
		profile.put("firstName", "Nadia");
		profile.put("approaches", List.of("COGNITIVE_BEHAVIOURAL"));
		profile.put("languages", List.of("fr", "es"));
		profile.put("clienteles", List.of("ADULT"));
		profile.put("modalities", List.of("IN_PERSON", "VIDEO"));
		profile.put("availability", List.of(Map.of("day", "TUESDAY", "start", "10:00", "end", "12:00")));
		profile.put("places", 2);
		profile.put("lowFeePlaces", 0);
		profile.put("active", true);
		return JSON.valueToTree(profile);
	}

	/** The contract's fixture, sent to an organization under a new referral id. */
	public static ObjectNode referral(String organization) {
		ObjectNode referral = (ObjectNode) JSON.readTree(SUBMITTED);
		referral.put("referralId", UUID.randomUUID().toString());
		referral.put("organizationId", organization);
		((ObjectNode) referral.get("fee")).put("lowFee", false);
		return referral;
	}

	/**
	 * Adds a therapist to the directory through the API, under a new id.
	 * @param http the service, as an administrator
	 * @param prefix the new id's start
	 * @param profile what the therapist declares
	 * @return the new therapist's id
	 */
	public static String put(Http http, String prefix, ObjectNode profile) {
		String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 4);
		Http.Answer answer = http.putJson("/api/v1/therapists/" + id, JSON.writeValueAsString(profile));
		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
		return id;
	}

	public static String id(ObjectNode referral) {
		return referral.get("referralId").asString();
	}

	/** Publishes the referral's submission as referral-service does. */
	public static void submit(KafkaProbe kafka, ObjectNode referral, String eventId) {
		kafka.send(Topics.REFERRAL_EVENTS, id(referral), JSON.writeValueAsString(referral),
				KafkaProbe.cloudEventHeaders(eventId, EventCatalog.REFERRAL_SUBMITTED_V1.type(), id(referral)));
	}

	/** Publishes a waitlist decision about a referral. */
	public static void decide(KafkaProbe kafka, String type, String referralId, String eventId, Map<String, ?> data) {
		kafka.send(Topics.WAITLIST_EVENTS, referralId, JSON.writeValueAsString(data),
				KafkaProbe.cloudEventHeaders(eventId, type, referralId));
	}

	/** matching-service's events about one referral, in order. */
	public static List<WireRecord> outcomes(KafkaProbe kafka, String referralId) {
		return kafka.readAll(Topics.MATCHING_EVENTS)
			.stream()
			.filter(record -> referralId.equals(record.key()))
			.toList();
	}

	/** The first event of a type matching-service published about a referral. */
	public static WireRecord awaitOutcome(KafkaProbe kafka, ObjectNode referral, String type) {
		return await().atMost(ofSeconds(30))
			.until(() -> outcomes(kafka, id(referral)).stream().filter(r -> type.equals(r.header("ce_type"))).toList(),
					records -> !records.isEmpty())
			.get(0);
	}

}
