package ca.aiguillage.platform.security;

import ca.aiguillage.platform.PlatformIntegrationTest;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.Http.Answer;
import ca.aiguillage.testing.TestIssuer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@PlatformIntegrationTest
class FailClosedIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void aCoordinatorTokenWithoutItsOrganizationIsRefusedWithAFrenchProblem() {
		Answer answer = Http.localhost(this.port)
			.withToken(TestIssuer.get().coordinatorWithoutOrganization())
			.get("/probe/caller");

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(answer.<String>json("$.title")).isEqualTo("Authentification requise");
		assertThat(answer.<Integer>json("$.status")).isEqualTo(401);
	}

	@Test
	void aPartnerTokenWithoutItsPartnerIdIsRefusedWithAnEnglishProblemOnRequest() {
		Answer answer = Http.localhost(this.port)
			.withToken(TestIssuer.get().partnerWithoutPartnerId())
			.get("/probe/caller", "Accept-Language", "en");

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.<String>json("$.title")).isEqualTo("Authentication required");
	}

	@Test
	void aCoordinatorWithItsOrganizationCoordinatesExactlyThatOne() {
		Answer answer = Http.localhost(this.port)
			.withToken(TestIssuer.get().coordinator("org-laval"))
			.get("/probe/caller");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.<java.util.List<String>>json("$.organizations")).containsExactly("org-laval");
	}

	@Test
	void aPartnerWithItsPartnerIdIsLetThrough() {
		Answer answer = Http.localhost(this.port)
			.withToken(TestIssuer.get().partner("clsc-ahuntsic"))
			.get("/probe/caller");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.<java.util.List<String>>json("$.organizations")).isEmpty();
	}

}
