package ca.aiguillage.authorization.login;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts failed sign-ins per username and per client network and says until when the next
 * attempt must wait. Usernames and addresses are kept and logged only as keyed hashes
 * (the key lives in memory, so a log line cannot be reversed by guessing names), and an
 * unknown username is counted like an account, so the answer never tells whether it
 * exists.
 */
final class LoginThrottle {

	private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

	// Past this many remembered counters, the forgotten ones are swept on the next
	// failure.
	private static final int SWEEP_ABOVE = 10_000;

	private final Map<String, Failures> failures = new ConcurrentHashMap<>();

	private final SecretKeySpec hashKey;

	private final LoginSettings settings;

	private final Clock clock;

	private final MeterRegistry meters;

	LoginThrottle(LoginSettings settings, Clock clock, MeterRegistry meters) {
		this.settings = settings;
		this.clock = clock;
		this.meters = meters;
		// Present at zero from the start, so that an alert sees the first ones.
		meters.counter("aiguillage.login.failures");
		for (Scope scope : Scope.values()) {
			meters.counter("aiguillage.login.throttled", "scope", scope.tag);
		}
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		this.hashKey = new SecretKeySpec(key, "HmacSHA256");
	}

	/**
	 * Until when an attempt must wait, if it must.
	 * @param username the username typed
	 * @param address the client address
	 * @return the instant the attempt may be made, empty when it may be made now
	 */
	Optional<Instant> waitUntil(String username, String address) {
		Instant now = this.clock.instant();
		for (Scope scope : Scope.values()) {
			Failures counted = this.failures.get(key(scope, username, address));
			Instant until = (counted != null) ? counted.nextAttempt(limits(scope)) : null;
			if (until != null && now.isBefore(until)) {
				this.meters.counter("aiguillage.login.throttled", "scope", scope.tag).increment();
				return Optional.of(until);
			}
		}
		return Optional.empty();
	}

	void failed(String username, String address) {
		Instant now = this.clock.instant();
		this.meters.counter("aiguillage.login.failures").increment();
		if (this.failures.size() > SWEEP_ABOVE) {
			this.failures.values().removeIf((counted) -> counted.forgottenBy(now, this.settings.lockout()));
		}
		for (Scope scope : Scope.values()) {
			String key = key(scope, username, address);
			Failures counted = this.failures.compute(key,
					(ignored, before) -> (before == null || before.forgottenBy(now, this.settings.lockout()))
							? new Failures(1, now) : before.plusOne(now));
			if (counted.count() == limits(scope).lockoutAfter()) {
				log.warn("Sign-in locked out for {} {} until {}", scope.tag, key.substring(key.indexOf(':') + 1),
						now.plus(this.settings.lockout()));
			}
		}
	}

	void succeeded(String username) {
		// A network keeps its count: one valid account must not clear a guessing
		// campaign.
		this.failures.remove(key(Scope.USERNAME, username, ""));
	}

	private Limits limits(Scope scope) {
		return (scope == Scope.USERNAME) ? this.settings.usernameLimits() : this.settings.networkLimits();
	}

	private String key(Scope scope, String username, String address) {
		String subject = (scope == Scope.USERNAME) ? username.strip().toLowerCase(Locale.ROOT) : network(address);
		return scope.tag + ":" + hash(subject);
	}

	/**
	 * The network a client address belongs to: the address itself for IPv4, its /64 for
	 * IPv6, since one subscriber gets a whole /64 to rotate through.
	 * @param address a literal client address
	 * @return the network, as text
	 */
	static String network(String address) {
		InetAddress parsed;
		try {
			parsed = InetAddress.ofLiteral(address);
		}
		catch (IllegalArgumentException ex) {
			return address;
		}
		byte[] bytes = parsed.getAddress();
		if (bytes.length == 4) {
			return parsed.getHostAddress();
		}
		return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
	}

	private String hash(String subject) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.hashKey);
			return HexFormat.of().formatHex(mac.doFinal(subject.getBytes(StandardCharsets.UTF_8)), 0, 8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

	/**
	 * When failures start to cost a wait, and when they lock out.
	 *
	 * @param freeFailures failures before a wait
	 * @param lockoutAfter failures that lock out
	 * @param firstDelay the first wait, doubled at each further failure
	 * @param lockout how long a lockout lasts
	 */
	record Limits(int freeFailures, int lockoutAfter, Duration firstDelay, Duration lockout) {
	}

	private enum Scope {

		USERNAME("username"), NETWORK("network");

		private final String tag;

		Scope(String tag) {
			this.tag = tag;
		}

	}

	private record Failures(int count, Instant last) {

		Failures plusOne(Instant now) {
			return new Failures(this.count + 1, now);
		}

		boolean forgottenBy(Instant now, Duration memory) {
			return !now.isBefore(this.last.plus(memory));
		}

		Instant nextAttempt(Limits limits) {
			if (this.count >= limits.lockoutAfter()) {
				return this.last.plus(limits.lockout());
			}
			if (this.count <= limits.freeFailures()) {
				return this.last;
			}
			// Doubling from the first delay; the lockout comes long before the shift
			// overflows.
			int doublings = Math.min(this.count - limits.freeFailures() - 1, 20);
			return this.last.plus(limits.firstDelay().multipliedBy(1L << doublings));
		}

	}

}
