package ca.aiguillage.platform.security;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The bearer tokens this service checked and accepted lately, so that a caller who sends
 * the same token again (a service's client-credentials token, a partner system's token,
 * for minutes on end) is not checked again: its signature and claims cannot have changed,
 * since the token is the exact same text, signature included. A token is remembered until
 * its expiry and never longer than {@link #AT_MOST}, so a key the issuer withdraws stops
 * a token within that time. A token that fails a check is never remembered: each request
 * that carries it is checked, and refused, again.
 * <p>
 * What it saves: the signature's verification (RSA) and the claims' parsing and checks on
 * every request, a few percent of a referral's processor time on the local stack
 * ({@code docs/performance.md}). Counted as the {@code cache.gets} meter of the cache
 * {@value #NAME} (hits are requests whose token was not checked again).
 */
public final class VerifiedTokens implements MeterBinder {

	/** The cache's name in the meters. */
	public static final String NAME = "verified-tokens";

	/** The longest a checked token is taken as checked. */
	static final Duration AT_MOST = Duration.ofMinutes(5);

	private static final int CAPACITY = 2_000;

	private final InstantSource clock;

	private final Cache<String, Jwt> accepted;

	/**
	 * Against the system's clock, as the decoder checks a token's expiry: never a clock a
	 * service shifts (the local stack's demo history).
	 */
	public VerifiedTokens() {
		this(InstantSource.system());
	}

	VerifiedTokens(InstantSource clock) {
		this.clock = clock;
		this.accepted = Caffeine.newBuilder()
			.maximumSize(CAPACITY)
			.expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> rememberedFor(jwt)))
			.recordStats()
			.build();
	}

	/**
	 * The decoder that checks a token only when it was not accepted lately.
	 * @param checks the decoder with every check (signature, issuer, audience, expiry,
	 * tenant claims)
	 * @return a decoder that answers from the tokens accepted lately, then from
	 * {@code checks}
	 */
	public JwtDecoder remembering(JwtDecoder checks) {
		return (token) -> {
			Jwt known = this.accepted.getIfPresent(token);
			if (known != null && stillValid(known)) {
				return known;
			}
			Jwt checked = checks.decode(token);
			if (!rememberedFor(checked).isZero()) {
				this.accepted.put(token, checked);
			}
			return checked;
		};
	}

	private boolean stillValid(Jwt jwt) {
		Instant expiresAt = jwt.getExpiresAt();
		return expiresAt != null && expiresAt.isAfter(this.clock.instant());
	}

	private Duration rememberedFor(Jwt jwt) {
		Instant expiresAt = jwt.getExpiresAt();
		if (expiresAt == null) {
			// A token that never expires is checked each time.
			return Duration.ZERO;
		}
		Duration left = Duration.between(this.clock.instant(), expiresAt);
		if (left.isNegative()) {
			return Duration.ZERO;
		}
		return (left.compareTo(AT_MOST) < 0) ? left : AT_MOST;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		CaffeineCacheMetrics.monitor(registry, this.accepted, NAME);
	}

}
