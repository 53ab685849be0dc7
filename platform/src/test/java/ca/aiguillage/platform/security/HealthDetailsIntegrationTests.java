package ca.aiguillage.platform.security;

import java.util.Map;

import ca.aiguillage.platform.PlatformIntegrationTest;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.Http.Answer;
import ca.aiguillage.testing.TestIssuer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@PlatformIntegrationTest
class HealthDetailsIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void probesSeeOnlyWhetherTheServiceIsUp() {
		Answer health = Http.localhost(this.port).get("/actuator/health");

		assertThat(health.status()).isEqualTo(200);
		assertThat(health.<String>json("$.status")).isEqualTo("UP");
		assertThat(health.body()).doesNotContain("components", "mongo", "kafka");
	}

	@Test
	void aCoordinatorSeesNoDetailsEither() {
		Answer health = Http.localhost(this.port)
			.withToken(TestIssuer.get().coordinator("org-laval"))
			.get("/actuator/health");

		assertThat(health.body()).doesNotContain("components");
	}

	@Test
	void anAdministratorSeesEachComponent() {
		Answer health = Http.localhost(this.port).withToken(TestIssuer.get().admin()).get("/actuator/health");

		assertThat(health.<Map<String, Object>>json("$.components")).containsKey("mongo");
	}

}
