package ca.aiguillage.platform.web.headers;

import ca.aiguillage.platform.PlatformIntegrationTest;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.Http.Answer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real HTTP to a service; TLS is the reverse proxy's, which says so in
 * {@code X-Forwarded-Proto} (trusted from loopback only).
 */
@PlatformIntegrationTest
@TestPropertySource(properties = "server.forward-headers-strategy=native")
class PageHeadersIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void everyAnswerCarriesAStrictContentSecurityPolicyWithoutInlineCode() {
		Answer icon = Http.localhost(this.port).get("/favicon.ico");
		Answer refused = Http.localhost(this.port).get("/probe/caller");

		for (Answer answer : new Answer[] { icon, refused }) {
			assertThat(answer.header("Content-Security-Policy"))
				.contains("default-src 'self'", "script-src 'self' 'nonce-", "frame-ancestors 'none'",
						"object-src 'none'", "base-uri 'none'")
				.doesNotContain("unsafe-inline", "unsafe-eval", "*");
			assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
			assertThat(answer.header("Referrer-Policy")).isEqualTo("same-origin");
		}
	}

	@Test
	void eachAnswerHasItsOwnNonce() {
		String first = Http.localhost(this.port).get("/favicon.ico").header("Content-Security-Policy");
		String second = Http.localhost(this.port).get("/favicon.ico").header("Content-Security-Policy");

		assertThat(nonce(first)).hasSizeGreaterThanOrEqualTo(22).isNotEqualTo(nonce(second));
	}

	@Test
	void strictTransportSecurityOnlyOverTls() {
		Answer plain = Http.localhost(this.port).get("/favicon.ico");
		Answer overTls = Http.localhost(this.port).get("/favicon.ico", "X-Forwarded-Proto", "https");

		assertThat(plain.headers()).doesNotContainKey("Strict-Transport-Security")
			.doesNotContainKey("strict-transport-security");
		assertThat(overTls.header("Strict-Transport-Security")).startsWith("max-age=31536000");
	}

	private static String nonce(String policy) {
		int start = policy.indexOf("'nonce-") + "'nonce-".length();
		return policy.substring(start, policy.indexOf('\'', start));
	}

}
