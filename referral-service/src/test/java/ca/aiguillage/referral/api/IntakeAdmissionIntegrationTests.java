package ca.aiguillage.referral.api;

import java.util.UUID;

import ca.aiguillage.testing.Fixtures;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
// The defaults (16 places, 2 s of wait, Retry-After 10 s), in the context the other API
// tests share.
@TestPropertySource(properties = "spring.config.name=referral-service")
class IntakeAdmissionIntegrationTests extends RunningService {

	private static final String EXAMPLE = Fixtures.repositoryFile("examples/referral.json");

	private static final String REFERRALS = "/api/v1/referrals";

	@Autowired
	IntakeAdmission admission;

	@Autowired
	MongoOperations mongo;

	@Autowired
	MeterRegistry meters;

	private int held;

	@AfterEach
	void freeThePlaces() {
		for (; this.held > 0; this.held--) {
			this.admission.places().onComplete();
		}
	}

	@Test
	void aReferralArrivingWhileEveryPlaceIsTakenIsRefused503WithRetryAfterInFrenchAndNothingIsStored() {
		String partner = "partner-" + UUID.randomUUID();
		Http http = this.anonymous.withToken(this.tokens.partner(partner));
		double refusedBefore = this.meters.counter(IntakeAdmission.METRIC).count();
		holdEveryPlace();

		Http.Answer french = http.postJson(REFERRALS, EXAMPLE, "Idempotency-Key", "batch-1");
		Http.Answer english = http.postJson(REFERRALS, EXAMPLE, "Idempotency-Key", "batch-1", "Accept-Language", "en");

		assertThat(french.status()).isEqualTo(503);
		assertThat(french.header("Content-Type")).startsWith("application/problem+json");
		assertThat(french.header("Retry-After")).isEqualTo("10");
		assertThat(french.<String>json("$.type")).isEqualTo("urn:ca:aiguillage:problem:intake-busy");
		assertThat(french.<String>json("$.title")).isEqualTo("Réception des demandes momentanément saturée");
		assertThat(french.<String>json("$.detail")).contains("Rien n'a été enregistré", "Retry-After");
		assertThat(english.status()).isEqualTo(503);
		assertThat(english.<String>json("$.title")).isEqualTo("Referral intake busy");
		assertThat(referralsOf(partner)).isZero();
		assertThat(this.meters.counter(IntakeAdmission.METRIC).count()).isEqualTo(refusedBefore + 2);
	}

	@Test
	void theSameRequestSentAgainOnceAPlaceIsFreeIsRegisteredOnce() {
		String partner = "partner-" + UUID.randomUUID();
		Http http = this.anonymous.withToken(this.tokens.partner(partner));
		holdEveryPlace();
		Http.Answer refused = http.postJson(REFERRALS, EXAMPLE, "Idempotency-Key", "batch-2");

		freeThePlaces();
		Http.Answer again = http.postJson(REFERRALS, EXAMPLE, "Idempotency-Key", "batch-2");
		Http.Answer thirdTime = http.postJson(REFERRALS, EXAMPLE, "Idempotency-Key", "batch-2");

		assertThat(refused.status()).isEqualTo(503);
		assertThat(again.status()).isEqualTo(201);
		assertThat(thirdTime.<String>json("$.referralId")).isEqualTo(again.json("$.referralId"));
		assertThat(referralsOf(partner)).isEqualTo(1);
	}

	@Test
	void aPlaceIsGivenBackWhenIntakeRefusesTheReferral() {
		Http http = this.anonymous.withToken(this.tokens.partner("partner-" + UUID.randomUUID()));

		for (int i = 0; i < 3; i++) {
			assertThat(http.postJson(REFERRALS, "{\"client\": {}}").status()).isEqualTo(400);
		}

		assertThat(this.admission.places().getMetrics().getAvailableConcurrentCalls()).isEqualTo(16);
	}

	/** Takes every place, as referrals in flight would. */
	private void holdEveryPlace() {
		Bulkhead places = this.admission.places();
		while (places.tryAcquirePermission()) {
			this.held++;
		}
		assertThat(this.held).isEqualTo(16);
	}

	private long referralsOf(String partner) {
		return this.mongo.count(new Query(Criteria.where("partnerId").is(partner)), "referrals");
	}

}
