package ca.aiguillage.referral.intake;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.Topics;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.KafkaProbe.WireRecord;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
@TestPropertySource(properties = "spring.config.name=referral-service")
class DuplicateReferralsIntegrationTests extends RunningService {

	@Autowired
	MongoOperations mongo;

	@Autowired
	PersonClaims claims;

	private static final String REFERRALS = "/api/v1/referrals";

	@Test
	void anotherPersonSharingOnlyAPhoneOpensAReferralFlaggedAsAPossibleDuplicate() {
		String first = ExampleReferrals.someone();
		String firstId = queued(partner("clsc-family").postJson(REFERRALS, first).json("$.referralId"));
		// The issue's case: another name, birth date, email and postal code, the same
		// phone.
		String sharedPhone = first.substring(first.indexOf("+1 514 555"), first.indexOf("+1 514 555") + 15);
		String other = ExampleReferrals.someone()
			.replace("\"Marie-Ève\"", "\"Jean-Philippe\"")
			.replace("1991-04-12", "1988-09-30")
			.replace("H2M 1K5", "H3B 2Y5")
			.replaceAll("\\+1 514 555 \\d{4}", sharedPhone);

		Http.Answer second = partner("clsc-family").postJson(REFERRALS, other);

		assertThat(second.status()).isEqualTo(201);
		assertThat(second.<String>json("$.status")).isEqualTo("SUBMITTED");
		assertThat(second.body()).doesNotContain(firstId, "linkedTo\":\"");
		String secondId = second.json("$.referralId");
		WireRecord flagged = awaitEvent(secondId, EventCatalog.POSSIBLE_DUPLICATE_FLAGGED_V1.type());
		assertThat(flagged.value()).contains(firstId, "\"PHONE\"")
			.doesNotContain("Tremblay", "Jean-Philippe", "+1514555", "514 555");
		assertThat(events(secondId, EventCatalog.REFERRAL_SUBMITTED_V1.type())).hasSize(1);
		assertThat(events(secondId, EventCatalog.REFERRAL_LINKED_TO_OPEN_V1.type())).isEmpty();
	}

	@Test
	void samePersonSentAgainBySamePartnerOnceTheFirstIsQueuedIsLinked() {
		String person = ExampleReferrals.someone();
		String first = queued(partner("clsc-dup-a").postJson(REFERRALS, person).json("$.referralId"));
		// Other spelling of the same name and email.
		String again = person.replace("\"Marie-Ève\"", "\"  MARIE-ÈVE \"").replace("marie-eve.", "Marie-Eve.");

		Http.Answer second = partner("clsc-dup-a").postJson(REFERRALS, again);

		assertThat(second.<String>json("$.status")).isEqualTo("LINKED");
		assertThat(second.<String>json("$.linkedTo")).isEqualTo(first);
		String secondId = second.json("$.referralId");
		WireRecord linked = awaitEvent(secondId, EventCatalog.REFERRAL_LINKED_TO_OPEN_V1.type());
		assertThat(linked.value()).contains(first, "NAME_AND_DATE_OF_BIRTH", "EMAIL").doesNotContain("Tremblay");
		assertThat(events(secondId, EventCatalog.REFERRAL_SUBMITTED_V1.type())).isEmpty();
	}

	@Test
	void partnerWhoseReferralIsLinkedToAnotherPartnersGetsTheAnswerOfANewReferral() {
		String person = ExampleReferrals.someone();
		String first = queued(partner("clsc-dup-b").postJson(REFERRALS, person).json("$.referralId"));
		Http other = partner("gmf-dup-c");

		Http.Answer second = other.postJson(REFERRALS, person);

		String secondId = second.json("$.referralId");
		assertThat(second.status()).isEqualTo(201);
		assertThat(second.<String>json("$.status")).isEqualTo("SUBMITTED");
		assertThat(second.body()).doesNotContain(first, "LINKED");
		assertThat(other.get(REFERRALS + "/" + secondId).body()).doesNotContain(first, "LINKED");
		assertThat(other.get(REFERRALS + "?size=100").body()).doesNotContain(first, "LINKED");
		// Inside, it is linked and not queued twice.
		awaitEvent(secondId, EventCatalog.REFERRAL_LINKED_TO_OPEN_V1.type());
		assertThat(events(secondId, EventCatalog.REFERRAL_SUBMITTED_V1.type())).isEmpty();
		assertThat(this.http.get(REFERRALS + "/" + secondId).<String>json("$.status")).isEqualTo("LINKED");
	}

	@Test
	void samePhoneAndSameNameUnderAnotherBirthDateIsTheSamePerson() {
		String person = ExampleReferrals.someone();
		String first = queued(partner("clsc-dup-d").postJson(REFERRALS, person).json("$.referralId"));
		String otherBirthDate = person.replace("1991-04-12", "1991-12-04")
			.replaceAll("marie-eve\\.[a-z]+@", "mev" + UUID.randomUUID().toString().substring(0, 6) + "@");

		Http.Answer second = partner("clsc-dup-d").postJson(REFERRALS, otherBirthDate);

		assertThat(second.<String>json("$.status")).isEqualTo("LINKED");
		assertThat(second.<String>json("$.linkedTo")).isEqualTo(first);
	}

	@Test
	void openReferralsStoredBeforeThePersonIndexExistedAreFoundOnceItIsBuilt() {
		String person = ExampleReferrals.someone();
		String first = queued(partner("clsc-dup-index").postJson(REFERRALS, person).json("$.referralId"));
		// As a store written by the version before the index: no entries and no mark.
		this.mongo.remove(new Query(), PersonClaims.PersonKey.class);
		this.mongo.remove(new Query(), PersonClaims.Claim.class);

		assertThat(this.claims.rememberOpenReferrals()).isPositive();
		Http.Answer again = partner("clsc-dup-index").postJson(REFERRALS, person);

		assertThat(again.<String>json("$.status")).isEqualTo("LINKED");
		assertThat(again.<String>json("$.linkedTo")).isEqualTo(first);
		assertThat(this.claims.rememberOpenReferrals()).as("built once").isZero();
	}

	@Test
	void aThirdReferralSharingTheNameOfAPossibleDuplicateIsFlaggedThoughThatOneHoldsNoClaim() {
		String first = ExampleReferrals.someone();
		String firstId = queued(partner("clsc-dup-third").postJson(REFERRALS, first).json("$.referralId"));
		String sharedPhone = first.substring(first.indexOf("+1 514 555"), first.indexOf("+1 514 555") + 15);
		String other = ExampleReferrals.someone()
			.replace("\"Marie-Ève\"", "\"Jean-Philippe\"")
			.replace("1991-04-12", "1988-09-30")
			.replaceAll("\\+1 514 555 \\d{4}", sharedPhone);
		String secondId = partner("clsc-dup-third").postJson(REFERRALS, other).json("$.referralId");
		awaitEvent(secondId, EventCatalog.POSSIBLE_DUPLICATE_FLAGGED_V1.type());
		// The same person as the second, with a new phone and email: found by name and
		// birth.
		String third = other.replaceAll("\\+1 514 555 \\d{4}", "+1 438 555 0199")
			.replaceAll("marie-eve\\.[a-z0-9]+@", "jp" + UUID.randomUUID().toString().substring(0, 6) + "@");

		String thirdId = partner("clsc-dup-third").postJson(REFERRALS, third).json("$.referralId");

		assertThat(awaitEvent(thirdId, EventCatalog.POSSIBLE_DUPLICATE_FLAGGED_V1.type()).value()).contains(secondId,
				"NAME_AND_DATE_OF_BIRTH");
		assertThat(firstId).isNotEqualTo(secondId);
	}

	@Test
	void newReferralNeverLinksToOneThatNeverReachedTheQueue() {
		String person = ExampleReferrals.someone();
		String stuck = partner("clsc-dup-e").postJson(REFERRALS, person).json("$.referralId");

		Http.Answer again = partner("clsc-dup-e").postJson(REFERRALS, person);

		assertThat(again.<String>json("$.status")).isEqualTo("SUBMITTED");
		String againId = again.json("$.referralId");
		assertThat(awaitEvent(againId, EventCatalog.POSSIBLE_DUPLICATE_FLAGGED_V1.type()).value()).contains(stuck,
				"NAME_AND_DATE_OF_BIRTH");
		assertThat(events(againId, EventCatalog.REFERRAL_SUBMITTED_V1.type())).hasSize(1);
	}

	@Test
	void coordinatorHoldingTheReferralSeesBothPeopleSideBySideAndTheReadIsInTheAccessTrail() {
		Pair pair = possibleDuplicates("org-dup-view");

		Http.Answer answer = coordinator("org-dup-view").get(duplicatesOf(pair.flagged()));

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.<String>json("$.person.referralId")).isEqualTo(pair.flagged());
		assertThat(answer.<String>json("$.person.firstName")).isEqualTo("Jean-Philippe");
		assertThat(answer.<String>json("$.person.dateOfBirth")).isEqualTo("1988-09-30");
		assertThat(answer.<String>json("$.candidates[0].person.referralId")).isEqualTo(pair.other());
		assertThat(answer.<String>json("$.candidates[0].person.firstName")).isEqualTo("Marie-Ève");
		assertThat(answer.<String>json("$.candidates[0].person.dateOfBirth")).isEqualTo("1991-04-12");
		assertThat(answer.<List<String>>json("$.candidates[0].matchedOn")).containsExactly("PHONE");
		String trail = this.http.get(trail()).body();
		assertThat(trail).contains(pair.flagged() + ",DUPLICATE_REVIEW", pair.other() + ",DUPLICATE_REVIEW");
	}

	@Test
	void coordinatorHoldingBothReferralsSeesEachPersonsPhoneAndEmailAndTheReadIsTrailedAsAnIdentityRead() {
		Pair pair = possibleDuplicates("org-dup-contact");

		Http.Answer answer = coordinator("org-dup-contact").get(duplicatesOf(pair.flagged()));

		String phone = answer.json("$.person.mobilePhone");
		assertThat(phone).startsWith("+1514555");
		assertThat(answer.<String>json("$.candidates[0].person.mobilePhone")).isEqualTo(phone);
		assertThat(answer.<String>json("$.person.email")).startsWith("marie-eve.").endsWith("@example.org");
		assertThat(answer.<String>json("$.candidates[0].person.email")).startsWith("marie-eve.")
			.endsWith("@example.org")
			.isNotEqualTo(answer.json("$.person.email"));
		assertThat(answer.<Boolean>json("$.candidates[0].person.contactWithheld")).isFalse();
		assertThat(this.http.get(trail()).body())
			.containsPattern(
					"\"COORDINATOR\",\"org-dup-contact\",,READ_IDENTITY," + pair.flagged() + ",DUPLICATE_REVIEW")
			.containsPattern(
					"\"COORDINATOR\",\"org-dup-contact\",,READ_IDENTITY," + pair.other() + ",DUPLICATE_REVIEW");
	}

	@Test
	void theOtherPersonsPhoneAndEmailStayWithTheOrganizationHoldingTheirReferral() {
		Pair pair = possibleDuplicates("org-dup-first-holder", "org-dup-second-holder");

		Http.Answer answer = coordinator("org-dup-second-holder").get(duplicatesOf(pair.flagged()));

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.<String>json("$.person.mobilePhone")).startsWith("+1514555");
		assertThat(answer.<String>json("$.candidates[0].person.firstName")).isEqualTo("Marie-Ève");
		assertThat(answer.<Boolean>json("$.candidates[0].person.contactWithheld")).isTrue();
		assertThat(answer.<String>json("$.candidates[0].person.mobilePhone")).isNull();
		assertThat(answer.<String>json("$.candidates[0].person.email")).isNull();
		assertThat(answer.body()).containsOnlyOnce("@example.org");
	}

	@Test
	void possibleDuplicatesAreHiddenFromOtherOrganizationsAndRefusedToPartners() {
		Pair pair = possibleDuplicates("org-dup-hidden");

		assertThat(coordinator("org-elsewhere").get(duplicatesOf(pair.flagged())).status()).isEqualTo(404);
		assertThat(partner("clsc-family-x").get(duplicatesOf(pair.flagged())).status()).isEqualTo(403);
		assertThat(this.anonymous.withToken(this.tokens.coordinatorWithoutOrganization())
			.get(duplicatesOf(pair.flagged()))
			.status()).isIn(401, 404);
		assertThat(coordinator("org-dup-hidden").get(duplicatesOf(UUID.randomUUID().toString())).status())
			.isEqualTo(404);
	}

	@Test
	void coordinatorLinksAPossibleDuplicateAndItLeavesTheQueue() {
		Pair pair = possibleDuplicates("org-dup-link");
		Http coordinator = coordinator("org-dup-link");

		Http.Answer linked = coordinator.postJson(duplicatesOf(pair.flagged()) + "/" + pair.other() + "/link", "");

		assertThat(linked.status()).isEqualTo(200);
		assertThat(this.http.get(REFERRALS + "/" + pair.flagged()).<String>json("$.status")).isEqualTo("LINKED");
		WireRecord resolved = awaitEvent(pair.flagged(), EventCatalog.POSSIBLE_DUPLICATE_RESOLVED_V1.type());
		assertThat(resolved.value()).contains(pair.other(), "\"LINKED\"", "org-dup-link")
			.doesNotContain("Tremblay", "Jean-Philippe");
		assertThat(coordinator.get(duplicatesOf(pair.flagged())).<List<?>>json("$.candidates")).isEmpty();
	}

	@Test
	void coordinatorSeparatesTwoPeopleAndBothCarryOn() {
		Pair pair = possibleDuplicates("org-dup-separate");
		Http coordinator = coordinator("org-dup-separate");

		Http.Answer separated = coordinator.postJson(duplicatesOf(pair.flagged()) + "/" + pair.other() + "/separate",
				"");

		assertThat(separated.status()).isEqualTo(200);
		assertThat(this.http.get(REFERRALS + "/" + pair.flagged()).<String>json("$.status")).isEqualTo("SUBMITTED");
		WireRecord resolved = awaitEvent(pair.flagged(), EventCatalog.POSSIBLE_DUPLICATE_RESOLVED_V1.type());
		assertThat(resolved.value()).contains(pair.other(), "\"SEPARATE\"");
		assertThat(coordinator.get(duplicatesOf(pair.flagged())).<List<?>>json("$.candidates")).isEmpty();
		assertThat(coordinator.postJson(duplicatesOf(pair.flagged()) + "/" + pair.other() + "/link", "").status())
			.isEqualTo(404);
	}

	/** Two people of one family sharing a phone, the second flagged. */
	private Pair possibleDuplicates(String organizationId) {
		return possibleDuplicates(organizationId, organizationId);
	}

	/**
	 * Two people of one family sharing a phone, referred to two organizations, the second
	 * flagged.
	 */
	private Pair possibleDuplicates(String firstOrganizationId, String organizationId) {
		String first = ExampleReferrals.someone()
			.replace("\"partnerReference\"",
					"\"targetOrganizationId\": \"" + firstOrganizationId + "\", \"partnerReference\"");
		String firstId = queued(partner("clsc-family-x").postJson(REFERRALS, first).json("$.referralId"));
		String sharedPhone = first.substring(first.indexOf("+1 514 555"), first.indexOf("+1 514 555") + 15);
		String other = ExampleReferrals.someone()
			.replace("\"partnerReference\"",
					"\"targetOrganizationId\": \"" + organizationId + "\", \"partnerReference\"")
			.replace("\"Marie-Ève\"", "\"Jean-Philippe\"")
			.replace("1991-04-12", "1988-09-30")
			.replaceAll("\\+1 514 555 \\d{4}", sharedPhone);
		String secondId = partner("clsc-family-x").postJson(REFERRALS, other).json("$.referralId");
		awaitEvent(secondId, EventCatalog.POSSIBLE_DUPLICATE_FLAGGED_V1.type());
		return new Pair(secondId, firstId);
	}

	private record Pair(String flagged, String other) {
	}

	private static String trail() {
		return "/api/v1/access-trail?from=" + LocalDate.now().minusDays(1) + "&to=" + LocalDate.now().plusDays(1);
	}

	private static String duplicatesOf(String referralId) {
		return REFERRALS + "/" + referralId + "/possible-duplicates";
	}

	/** Waits until the waitlist's event put the referral in the queue. */
	private String queued(String referralId) {
		new QueueEvents(this.kafka).waitlisted(referralId);
		await().atMost(ofSeconds(20))
			.untilAsserted(() -> assertThat(this.http.get(REFERRALS + "/" + referralId).<String>json("$.status"))
				.isEqualTo("WAITLISTED"));
		return referralId;
	}

	private Http partner(String partnerId) {
		return this.anonymous.withToken(this.tokens.partner(partnerId));
	}

	private Http coordinator(String organizationId) {
		return this.anonymous.withToken(this.tokens.coordinator(organizationId));
	}

	private WireRecord awaitEvent(String key, String type) {
		return await().atMost(ofSeconds(20)).until(() -> events(key, type), records -> !records.isEmpty()).get(0);
	}

	private List<WireRecord> events(String key, String type) {
		return this.kafka.readAll(Topics.REFERRAL_EVENTS)
			.stream()
			.filter(record -> key.equals(record.key()))
			.filter(record -> type.equals(record.header("ce_type")))
			.toList();
	}

}
