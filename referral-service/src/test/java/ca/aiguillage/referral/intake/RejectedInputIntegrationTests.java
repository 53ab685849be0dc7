package ca.aiguillage.referral.intake;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad input the partner API refuses, over real HTTP: a 400 problem naming
 * the field, in French and in English, and nothing stored (so nothing published: events
 * leave only from a stored referral's outbox).
 */
@ServiceIntegrationTest
@TestPropertySource(properties = "spring.config.name=referral-service")
class RejectedInputIntegrationTests extends RunningService {

	@Autowired
	MongoOperations mongo;

	static Stream<Arguments> badInputs() {
		return Stream.of(
				bad("unknown field", body -> body.replace("\"priority\": \"C\"", "\"priority\": \"C\", \"urgency\": 3"),
						"urgency"),
				bad("wrong type", body -> body.replace("\"dependents\": 1", "\"dependents\": \"one\""),
						"household.dependents"),
				bad("missing names", body -> body.replaceAll("\"firstName\": \"[^\"]*\",", ""), "client.firstName"),
				bad("impossible date of birth", body -> body.replace("1991-04-12", "1991-02-30"), "client.dateOfBirth"),
				bad("date of birth in the future", body -> body.replace("1991-04-12", "2091-04-12"),
						"client.dateOfBirth"),
				bad("date of birth too far back", body -> body.replace("1991-04-12", "1850-04-12"),
						"client.dateOfBirth"),
				bad("range ending before it starts",
						body -> body.replace("\"start\": \"09:00\", \"end\": \"12:00\"",
								"\"start\": \"12:00\", \"end\": \"09:00\""),
						"needs.availability[0]"),
				bad("overlapping ranges",
						body -> body.replace("{\"day\": \"THURSDAY\", \"start\": \"13:00\", \"end\": \"17:00\"}",
								"{\"day\": \"TUESDAY\", \"start\": \"11:00\", \"end\": \"13:00\"}"),
						"needs.availability[1]"),
				bad("postal code in a wrong format", body -> body.replace("H2M 1K5", "90210"), "client.postalCode"),
				bad("phone that is not E.164", body -> body.replaceAll("\\+1 514 555 \\d{4}", "555-CALL-ME"),
						"client.mobilePhone"),
				bad("malformed email",
						body -> body.replaceAll("marie-eve\\.[a-z]+@example\\.org", "marie-eve@@example"),
						"client.email"),
				bad("unknown language", body -> body.replace("[\"fr\", \"es\"]", "[\"fr\", \"xx\"]"),
						"client.languages[1]"),
				bad("unknown approach", body -> body.replace("COGNITIVE_BEHAVIOURAL", "HYPNOSIS"),
						"needs.approaches[0]"),
				bad("negative income", body -> body.replace("\"annualIncome\": 24000", "\"annualIncome\": -1"),
						"household.annualIncome"),
				bad("negative dependents", body -> body.replace("\"dependents\": 1", "\"dependents\": -2"),
						"household.dependents"),
				bad("no sharing consent", body -> body.replace("\"sharing\": true", "\"sharing\": false"),
						"consent.sharing"),
				bad("required approach without an approach",
						body -> body.replace("[\"COGNITIVE_BEHAVIOURAL\"]", "[]")
							.replace("\"approachRequired\": false", "\"approachRequired\": true"),
						"needs.approaches"),
				bad("travel distance out of range", body -> body.replace("\"modality\": \"EITHER\",",
						"\"modality\": \"EITHER\", \"maxTravelKm\": 900,"), "needs.maxTravelKm"));
	}

	private static Arguments bad(String name, UnaryOperator<String> change, String field) {
		return Arguments.of(name, change, field);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badInputs")
	void badInputIsRefusedNamingTheFieldAndNothingIsKept(String name, UnaryOperator<String> change, String field) {
		String body = change.apply(ExampleReferrals.someone());
		assertThat(body).as("the case changes the example").isNotEqualTo(ExampleReferrals.EXAMPLE);
		Http partner = this.anonymous.withToken(this.tokens.partner("clsc-rejected"));
		long referralsBefore = this.mongo.getCollection("referrals").countDocuments();

		Http.Answer french = partner.postJson("/api/v1/referrals", body);
		Http.Answer english = partner.postJson("/api/v1/referrals", body, "Accept-Language", "en");

		assertThat(french.status()).as(name).isEqualTo(400);
		assertThat(french.header("Content-Type")).startsWith("application/problem+json");
		assertThat(french.<List<String>>json("$.errors[*].field")).as(name).contains(field);
		assertThat(french.<String>json("$.title")).isIn("Requête invalide", "Corps de requête illisible");
		assertThat(english.<String>json("$.title")).isIn("Invalid request", "Unreadable request body");
		assertThat(english.<List<String>>json("$.errors[*].message"))
			.doesNotContainAnyElementsOf(french.<List<String>>json("$.errors[*].message"));
		// Events leave only from a stored referral's outbox: nothing stored, nothing
		// published.
		assertThat(this.mongo.getCollection("referrals").countDocuments()).isEqualTo(referralsBefore);
	}

}
