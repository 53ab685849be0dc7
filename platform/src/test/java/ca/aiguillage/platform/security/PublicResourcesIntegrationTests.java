package ca.aiguillage.platform.security;

import ca.aiguillage.platform.PlatformIntegrationTest;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.Http.Answer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@PlatformIntegrationTest
class PublicResourcesIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void everyServiceServesItsFaviconWithoutAToken() {
		Answer icon = Http.localhost(this.port).get("/favicon.ico");

		assertThat(icon.status()).isEqualTo(200);
		assertThat(icon.header("Content-Type")).isEqualTo("image/x-icon");
	}

	@Test
	void anythingElseStillNeedsAToken() {
		assertThat(Http.localhost(this.port).get("/probe/caller").status()).isEqualTo(401);
	}

}
