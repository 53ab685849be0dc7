package ca.aiguillage.platform.security;

import ca.aiguillage.platform.PlatformIntegrationTest;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@PlatformIntegrationTest
class VerifiedTokensIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Test
	void aTokenSentAgainIsTakenAsCheckedWithoutCheckingItAgain() {
		String token = TestIssuer.get().partner("clsc-ahuntsic");
		double checkedBefore = gets("miss");
		double rememberedBefore = gets("hit");

		assertThat(as(token).get("/probe/caller").status()).isEqualTo(200);
		assertThat(as(token).get("/probe/caller").status()).isEqualTo(200);
		assertThat(as(token).get("/probe/caller").status()).isEqualTo(200);

		assertThat(gets("miss") - checkedBefore).isEqualTo(1);
		assertThat(gets("hit") - rememberedBefore).isEqualTo(2);
	}

	@Test
	void theSameClaimsUnderAnAlteredSignatureAreRefusedAfterTheGenuineTokenWasAccepted() {
		String genuine = TestIssuer.get().admin();
		assertThat(as(genuine).get("/probe/caller").status()).isEqualTo(200);

		int signature = genuine.lastIndexOf('.') + 1;
		char first = genuine.charAt(signature);
		String altered = genuine.substring(0, signature) + ((first == 'A') ? 'B' : 'A')
				+ genuine.substring(signature + 1);

		assertThat(as(altered).get("/probe/caller").status()).isEqualTo(401);
		assertThat(as(genuine).get("/probe/caller").status()).isEqualTo(200);
	}

	@Test
	void aRefusedTokenIsCheckedAndRefusedEachTimeItComes() {
		String wronglySigned = TestIssuer.get().wronglySigned();
		double rememberedBefore = gets("hit");

		assertThat(as(wronglySigned).get("/probe/caller").status()).isEqualTo(401);
		assertThat(as(wronglySigned).get("/probe/caller").status()).isEqualTo(401);

		assertThat(gets("hit")).isEqualTo(rememberedBefore);
	}

	private Http as(String token) {
		return Http.localhost(this.port).withToken(token);
	}

	private double gets(String result) {
		return this.meters.get("cache.gets")
			.tag("cache", VerifiedTokens.NAME)
			.tag("result", result)
			.functionCounter()
			.count();
	}

}
