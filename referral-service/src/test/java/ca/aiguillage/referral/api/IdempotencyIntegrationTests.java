package ca.aiguillage.referral.api;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ca.aiguillage.testing.Fixtures;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
@TestPropertySource(properties = "spring.config.name=referral-service")
class IdempotencyIntegrationTests extends RunningService {

	private static final String EXAMPLE = Fixtures.repositoryFile("examples/referral.json");

	private static final String REFERRALS = "/api/v1/referrals";

	@Autowired
	MongoOperations mongo;

	@Test
	void sameKeyAndSameBodyReturnTheReferralRegisteredTheFirstTime() {
		String partner = newPartner();
		Http http = asPartner(partner);
		String key = UUID.randomUUID().toString();

		Http.Answer first = http.postJson(REFERRALS, EXAMPLE, "Idempotency-Key", key);
		Http.Answer retry = http.postJson(REFERRALS, EXAMPLE, "Idempotency-Key", key);

		assertThat(first.status()).isEqualTo(201);
		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.<String>json("$.referralId")).isEqualTo(first.json("$.referralId"));
		assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
		assertThat(referralsOf(partner)).isEqualTo(1);
	}

	@Test
	void sameBodyWrittenWithOtherSpacingIsTheSameRequest() {
		String partner = newPartner();
		Http http = asPartner(partner);
		String key = UUID.randomUUID().toString();

		String first = http.postJson(REFERRALS, EXAMPLE, "Idempotency-Key", key).json("$.referralId");
		Http.Answer retry = http.postJson(REFERRALS, EXAMPLE.replace("\n", " "), "Idempotency-Key", key);

		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.<String>json("$.referralId")).isEqualTo(first);
		assertThat(referralsOf(partner)).isEqualTo(1);
	}

	@Test
	void sameKeyWithAnotherBodyIsAFrenchConflictAndChangesNothing() {
		String partner = newPartner();
		Http http = asPartner(partner);
		String key = UUID.randomUUID().toString();
		http.postJson(REFERRALS, EXAMPLE, "Idempotency-Key", key);

		Http.Answer conflict = http.postJson(REFERRALS, EXAMPLE.replace("CLSC-AHU-2026-0142", "CLSC-AHU-2026-0143"),
				"Idempotency-Key", key);

		assertThat(conflict.status()).isEqualTo(409);
		assertThat(conflict.header("Content-Type")).startsWith("application/problem+json");
		assertThat(conflict.<String>json("$.type")).isEqualTo("urn:ca:aiguillage:problem:idempotency-conflict");
		assertThat(conflict.<String>json("$.title")).isEqualTo("Clé d'idempotence déjà utilisée");
		assertThat(referralsOf(partner)).isEqualTo(1);
	}

	@Test
	void conflictIsInEnglishWhenAskedFor() {
		Http http = asPartner(newPartner());
		String key = UUID.randomUUID().toString();
		http.postJson(REFERRALS, EXAMPLE, "Idempotency-Key", key);

		Http.Answer conflict = http.postJson(REFERRALS, EXAMPLE.replace("\"dependents\": 1", "\"dependents\": 2"),
				"Idempotency-Key", key, "Accept-Language", "en");

		assertThat(conflict.status()).isEqualTo(409);
		assertThat(conflict.<String>json("$.title")).isEqualTo("Idempotency key already used");
	}

	@Test
	void twoPartnersMayUseTheSameKey() {
		String key = "order-1";

		Http.Answer first = asPartner(newPartner()).postJson(REFERRALS, EXAMPLE, "Idempotency-Key", key);
		Http.Answer second = asPartner(newPartner()).postJson(REFERRALS, EXAMPLE, "Idempotency-Key", key);

		assertThat(first.status()).isEqualTo(201);
		assertThat(second.status()).isEqualTo(201);
		assertThat(second.<String>json("$.referralId")).isNotEqualTo(first.json("$.referralId"));
	}

	@Test
	void concurrentPostsUnderOneKeyRegisterOneReferral() throws Exception {
		String partner = newPartner();
		Http http = asPartner(partner);
		String key = UUID.randomUUID().toString();
		Callable<Http.Answer> post = () -> http.postJson(REFERRALS, EXAMPLE, "Idempotency-Key", key);

		ExecutorService threads = Executors.newFixedThreadPool(2);
		List<Http.Answer> answers;
		try {
			List<Future<Http.Answer>> futures = threads.invokeAll(List.of(post, post));
			answers = List.of(futures.get(0).get(), futures.get(1).get());
		}
		finally {
			threads.shutdown();
		}

		assertThat(answers).extracting(Http.Answer::status).containsExactly(201, 201);
		assertThat(answers.get(1).<String>json("$.referralId")).isEqualTo(answers.get(0).json("$.referralId"));
		assertThat(referralsOf(partner)).isEqualTo(1);
	}

	@Test
	void keyLongerThanAHundredCharactersIsNamedInAProblemAndStoresNothing() {
		String partner = newPartner();

		Http.Answer answer = asPartner(partner).postJson(REFERRALS, EXAMPLE, "Idempotency-Key", "k".repeat(101));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.<List<String>>json("$.errors[*].field")).containsExactly("Idempotency-Key");
		assertThat(referralsOf(partner)).isZero();
	}

	@Test
	void adminKeysAreTheirOwn() {
		String key = UUID.randomUUID().toString();

		String first = this.http.postJson(REFERRALS, EXAMPLE, "Idempotency-Key", key).json("$.referralId");
		Http.Answer retry = this.http.postJson(REFERRALS, EXAMPLE, "Idempotency-Key", key);

		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.<String>json("$.referralId")).isEqualTo(first);
		assertThat(this.mongo.count(new Query(Criteria.where("_id").is(first)), "referrals")).isEqualTo(1);
	}

	private Http asPartner(String partner) {
		return this.anonymous.withToken(this.tokens.partner(partner));
	}

	private long referralsOf(String partner) {
		return this.mongo.count(new Query(Criteria.where("partnerId").is(partner)), "referrals");
	}

	private static String newPartner() {
		return "partner-" + UUID.randomUUID();
	}

}
