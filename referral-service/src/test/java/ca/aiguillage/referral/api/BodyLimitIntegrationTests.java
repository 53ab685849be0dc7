package ca.aiguillage.referral.api;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import ca.aiguillage.testing.Fixtures;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
@TestPropertySource(properties = "spring.config.name=referral-service")
class BodyLimitIntegrationTests extends RunningService {

	private static final String EXAMPLE = Fixtures.repositoryFile("examples/referral.json");

	private static final String REFERRALS = "/api/v1/referrals";

	@Autowired
	MongoOperations mongo;

	@Value("${local.server.port}")
	int port;

	@Test
	void bodyOverSixtyFourKibibytesIsRefusedInFrenchAndStoresNothing() {
		String partner = "partner-" + UUID.randomUUID();

		Http.Answer answer = this.anonymous.withToken(this.tokens.partner(partner))
			.postJson(REFERRALS, padded(70 * 1024));

		assertThat(answer.status()).isEqualTo(413);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(answer.<String>json("$.title")).isEqualTo("Requête trop volumineuse");
		assertThat(this.mongo.count(new Query(Criteria.where("partnerId").is(partner)), "referrals")).isZero();
	}

	@Test
	void refusalIsInEnglishWhenAskedFor() {
		Http.Answer answer = this.http.postJson(REFERRALS, padded(70 * 1024), "Accept-Language", "en");

		assertThat(answer.status()).isEqualTo(413);
		assertThat(answer.<String>json("$.title")).isEqualTo("Request too large");
	}

	@Test
	void chunkedBodyWithoutALengthIsCappedToo() throws Exception {
		byte[] body = padded(70 * 1024).getBytes(StandardCharsets.UTF_8);
		// A body from a stream has no Content-Length: the client sends it chunked.
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + REFERRALS))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + this.tokens.admin())
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build();

		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("Requête trop volumineuse");
	}

	@Test
	void bodyJustUnderTheLimitIsReadAndJudgedOnItsFields() {
		String withUnknownField = "{\"padding\": \"" + "x".repeat(60 * 1024) + "\"," + EXAMPLE.substring(1);

		Http.Answer answer = this.http.postJson(REFERRALS, withUnknownField);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.<List<String>>json("$.errors[*].field")).containsExactly("padding");
		assertThat(answer.<List<String>>json("$.errors[*].code")).containsExactly("unknown.field");
	}

	private static String padded(int bytes) {
		// Whitespace keeps the JSON valid, so only its size can be the reason it is
		// refused.
		return "{" + " ".repeat(bytes) + EXAMPLE.substring(1);
	}

}
