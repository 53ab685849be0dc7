package ca.aiguillage.referral.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import ca.aiguillage.referral.intake.ExampleReferrals;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * One contract at every door: what the event schema refuses, the partner API and the
 * self-referral endpoint refuse too, with a problem naming the field, and store nothing.
 */
@ServiceIntegrationTest
@TestPropertySource(
		properties = { "spring.config.name=referral-service", "referral.self-referral.limit-per-address=1000" })
class OneContractIntegrationTests extends RunningService {

	@Autowired
	MongoOperations mongo;

	@Value("${local.server.port}")
	int port;

	static Stream<Arguments> refused() {
		return Stream.of(
				refused("organization id with a space", "targetOrganizationId",
						body -> withOrganization(body, "\"clsc a\"")),
				refused("organization id as a formula", "targetOrganizationId",
						body -> withOrganization(body, "\"=HYPERLINK(1)\"")),
				refused("organization id of 65 characters", "targetOrganizationId",
						body -> withOrganization(body, "\"" + "a".repeat(65) + "\"")),
				refused("postal code with a control character", "client.postalCode",
						body -> body.replace("\"H2M 1K5\"", "\"H2M1K5\\u0001\"")),
				refused("date of birth as a number", "client.dateOfBirth", body -> body.replace("\"1991-04-12\"", "1")),
				refused("clientele as an ordinal", "needs.clientele",
						body -> body.replace("\"clientele\": \"ADULT\"", "\"clientele\": 0")),
				refused("boolean as a string", "consent.sharing",
						body -> body.replace("\"sharing\": true", "\"sharing\": \"true\"")),
				refused("number as a string", "household.annualIncome",
						body -> body.replace("\"annualIncome\": 24000", "\"annualIncome\": \"24000\"")),
				refused("string as a number", "client.firstName",
						body -> body.replace("\"firstName\": \"Marie-Ève\"", "\"firstName\": 42")),
				refused("reason of 60,000 characters", "needs.reason",
						body -> body.replace("Anxiété persistante depuis une perte d'emploi.", "a".repeat(60_000))),
				refused("partner reference of 65 characters", "partnerReference",
						body -> body.replace("CLSC-AHU-2026-0142", "r".repeat(65))));
	}

	@ParameterizedTest(name = "{0} at the partner API")
	@MethodSource("refused")
	void partnerApiRefusesWhatTheEventSchemaRefuses(String name, String field, UnaryOperator<String> breaking) {
		Http partner = this.anonymous.withToken(this.tokens.partner("clsc-contract"));

		assertRefusedAndNothingStored(field,
				() -> partner.postJson("/api/v1/referrals", breaking.apply(ExampleReferrals.someone())));
	}

	@ParameterizedTest(name = "{0} at the self-referral endpoint")
	@MethodSource("refused")
	void selfReferralRefusesWhatTheEventSchemaRefuses(String name, String field, UnaryOperator<String> breaking) {
		assertRefusedAndNothingStored(field, () -> {
			Http.Answer csrf = this.anonymous.get("/api/v1/self-referrals/csrf");
			String cookie = csrf.header("Set-Cookie").split(";")[0];
			return this.anonymous.postJson("/api/v1/self-referrals", breaking.apply(ExampleReferrals.someone()),
					"Cookie", cookie, csrf.json("$.headerName"), csrf.json("$.token"));
		});
	}

	@ParameterizedTest(name = "Content-Type {1} on {0} {2}")
	@MethodSource("unsupportedContentTypes")
	void wildcardOrUnknownContentTypeGets415(String method, String contentType, String path)
			throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", "Bearer " + this.tokens.admin())
			.header("Content-Type", contentType)
			.method(method, HttpRequest.BodyPublishers.ofString(ExampleReferrals.someone()))
			.build();
		long before = this.mongo.count(new Query(), "referrals");

		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).as(response.body())
			.startsWith("application/problem+json");
		assertThat(response.body()).contains("\"status\":415").doesNotContain("\"timestamp\"");
		assertThat(this.mongo.count(new Query(), "referrals")).isEqualTo(before);
	}

	static Stream<Arguments> unsupportedContentTypes() {
		return Stream.of("*/*", "text/plain", "application/x-unknown")
			.flatMap(type -> Stream.of(arguments("POST", type, "/api/v1/referrals"),
					arguments("PUT", type, "/api/v1/fee-scales/default")));
	}

	@ParameterizedTest(name = "{0} in English")
	@MethodSource("refused")
	void problemIsInEnglishWhenAskedFor(String name, String field, UnaryOperator<String> breaking) {
		Http.Answer answer = this.anonymous.withToken(this.tokens.partner("clsc-contract"))
			.postJson("/api/v1/referrals", breaking.apply(ExampleReferrals.someone()), "Accept-Language", "en");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.<String>json("$.title")).isIn("Invalid request", "Unreadable request body");
		assertThat(answer.<List<String>>json("$.errors[*].field")).contains(field);
		assertThat(answer.<List<String>>json("$.errors[*].message")).noneMatch(OneContractIntegrationTests::isACode);
	}

	private void assertRefusedAndNothingStored(String field, Supplier<Http.Answer> post) {
		long before = this.mongo.count(new Query(), "referrals");

		Http.Answer answer = post.get();

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(answer.<String>json("$.title")).isIn("Requête invalide", "Corps de requête illisible");
		assertThat(answer.<List<String>>json("$.errors[*].field")).contains(field);
		assertThat(answer.<List<String>>json("$.errors[*].message")).noneMatch(OneContractIntegrationTests::isACode);
		assertThat(this.mongo.count(new Query(), "referrals")).isEqualTo(before);
	}

	// A message code shown as is means the message is missing.
	private static boolean isACode(String message) {
		return message.matches("[a-zA-Z]+(\\.[a-zA-Z]+)+");
	}

	private static Arguments refused(String name, String field, UnaryOperator<String> breaking) {
		return arguments(name, field, breaking);
	}

	private static String withOrganization(String body, String organizationJson) {
		return body.replace("\"partnerReference\"",
				"\"targetOrganizationId\": " + organizationJson + ", \"partnerReference\"");
	}

}
