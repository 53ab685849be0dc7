package ca.aiguillage.referral.api;

import java.util.List;

import ca.aiguillage.referral.intake.ExampleReferrals;
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
class ReferralListsIntegrationTests extends RunningService {

	@Autowired
	MongoOperations mongo;

	@Test
	void eachListSaysHowManyReferralsItsReaderMaySeeAnAdministratorEveryOne() {
		Http partner = this.anonymous.withToken(this.tokens.partner("clsc-lists"));
		for (int i = 0; i < 3; i++) {
			assertThat(partner.postJson("/api/v1/referrals", ExampleReferrals.someone()).status()).isEqualTo(201);
		}
		long stored = this.mongo.count(new Query(), "referrals");
		long submitted = this.mongo.count(new Query(Criteria.where("status").is("SUBMITTED")), "referrals");

		Http.Answer everyOne = this.http.get("/api/v1/referrals?size=1");
		Http.Answer theirs = partner.get("/api/v1/referrals?size=1");
		Http.Answer inOneState = this.http.get("/api/v1/referrals?size=1&status=SUBMITTED");

		assertThat(everyOne.<Integer>json("$.total")).isEqualTo((int) stored);
		assertThat(everyOne.<List<?>>json("$.items")).hasSize(1);
		assertThat(theirs.<Integer>json("$.total")).isEqualTo(3);
		assertThat(inOneState.<Integer>json("$.total")).isEqualTo((int) submitted);
	}

}
