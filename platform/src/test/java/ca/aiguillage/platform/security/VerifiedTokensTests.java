package ca.aiguillage.platform.security;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedTokensTests {

	private static final Instant NOW = Instant.parse("2026-12-05T15:00:00Z");

	private final AtomicInteger checks = new AtomicInteger();

	private Instant now = NOW;

	private final VerifiedTokens verified = new VerifiedTokens(() -> this.now);

	@Test
	void aTokenIsCheckedAgainOnceItHasExpired() {
		JwtDecoder decoder = this.verified.remembering(checksExpiringAt(NOW.plusSeconds(60)));

		decoder.decode("token-a");
		decoder.decode("token-a");
		assertThat(this.checks).hasValue(1);

		this.now = NOW.plusSeconds(61);
		decoder.decode("token-a");
		assertThat(this.checks).hasValue(2);
	}

	@Test
	void aTokenWithoutExpiryIsCheckedEachTime() {
		JwtDecoder decoder = this.verified.remembering(checksExpiringAt(null));

		decoder.decode("token-b");
		decoder.decode("token-b");

		assertThat(this.checks).hasValue(2);
	}

	@Test
	void anotherTokenIsCheckedOnItsOwn() {
		JwtDecoder decoder = this.verified.remembering(checksExpiringAt(NOW.plus(Duration.ofMinutes(15))));

		decoder.decode("token-c");
		decoder.decode("token-d");

		assertThat(this.checks).hasValue(2);
	}

	private JwtDecoder checksExpiringAt(@Nullable Instant expiresAt) {
		return (token) -> {
			this.checks.incrementAndGet();
			Jwt.Builder jwt = Jwt.withTokenValue(token).header("alg", "RS256").subject("s");
			return ((expiresAt != null) ? jwt.expiresAt(expiresAt) : jwt).build();
		};
	}

}
