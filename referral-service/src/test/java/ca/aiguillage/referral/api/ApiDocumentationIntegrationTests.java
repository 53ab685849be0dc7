package ca.aiguillage.referral.api;

import java.util.List;
import java.util.Map;

import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
@TestPropertySource(properties = "spring.config.name=referral-service")
class ApiDocumentationIntegrationTests extends RunningService {

	@Test
	void partnerApiIsDescribedInOpenApi31WithoutAToken() {
		Http.Answer answer = this.anonymous.get("/v3/api-docs");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.header("Content-Type")).startsWith("application/json");
		assertThat(answer.<String>json("$.openapi")).startsWith("3.1");
		assertThat(answer.<String>json("$.info.title")).isEqualTo("Aiguillage — referral-service");
		assertThat(answer.<Map<String, Object>>json("$.paths")).containsOnlyKeys("/api/v1/referrals",
				"/api/v1/referrals/{id}", "/api/v1/referrals/{id}/withdrawal", "/api/v1/fee-scales",
				"/api/v1/fee-scales/{id}");
		assertThat(answer.<Map<String, Object>>json("$.paths['/api/v1/referrals']")).containsKey("post");
	}

	@Test
	void submissionBodyIsTheInboundReferral() {
		Http.Answer answer = this.anonymous.get("/v3/api-docs");
		String ref = answer
			.json("$.paths['/api/v1/referrals'].post.requestBody.content['application/json'].schema.$ref");
		String schema = ref.substring(ref.lastIndexOf('/') + 1);

		assertThat(answer.<Map<String, Object>>json("$.components.schemas['" + schema + "'].properties"))
			.containsKeys("client", "needs");
	}

	@Test
	void callsNeedABearerJwtAndSubmissionsTakeAnIdempotencyKey() {
		Http.Answer answer = this.anonymous.get("/v3/api-docs");

		assertThat(answer.<String>json("$.components.securitySchemes['bearer-jwt'].scheme")).isEqualTo("bearer");
		assertThat(answer.<String>json("$.components.securitySchemes['bearer-jwt'].bearerFormat")).isEqualTo("JWT");
		assertThat(answer.<List<String>>json("$.paths['/api/v1/referrals'].post.parameters[?(@.in == 'header')].name"))
			.containsExactly("Idempotency-Key");
	}

	@Test
	void refusalsAreDocumentedAsProblemDetails() {
		Http.Answer answer = this.anonymous.get("/v3/api-docs");

		Map<String, Object> responses = answer.json("$.paths['/api/v1/referrals'].post.responses");
		assertThat(responses).containsKeys("201", "400", "401", "403", "409", "413", "503").doesNotContainKey("200");
		assertThat(answer.<Map<String, Object>>json("$.paths['/api/v1/referrals'].post.responses['409'].content"))
			.containsOnlyKeys("application/problem+json");
		assertThat(answer.<Map<String, Object>>json("$.paths['/api/v1/referrals'].post.responses['503'].headers"))
			.containsOnlyKeys("Retry-After");
		assertThat(answer.<Map<String, Object>>json("$.paths['/api/v1/referrals/{id}'].get.responses['404'].content"))
			.containsOnlyKeys("application/problem+json");
	}

	@Test
	void swaggerUiIsServedWithoutAToken() {
		Http.Answer answer = this.anonymous.get("/swagger-ui/index.html");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.header("Content-Type")).startsWith("text/html");
		assertThat(answer.body()).contains("swagger-ui");
	}

}
