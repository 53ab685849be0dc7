package ca.aiguillage.authorization.login;

import java.security.InvalidKeyException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.spec.SecretKeySpec;

import ca.aiguillage.authorization.accounts.Accounts;
import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.codec.binary.Base32;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The password, then for an administrator the code of their authenticator app (RFC 6238:
 * 6 digits, 30-second steps, one step of clock drift either way), each code accepted
 * once. A wrong or missing code is refused with the same words as a wrong password.
 */
final class SecondFactor extends DaoAuthenticationProvider {

	static final String CODE_PARAMETER = "code";

	private static final Duration STEP = Duration.ofSeconds(30);

	private final TimeBasedOneTimePasswordGenerator codes = new TimeBasedOneTimePasswordGenerator(STEP);

	private final Accounts accounts;

	private final Clock clock;

	// The last time step each administrator used: a code seen over a shoulder is spent.
	private final Map<String, Long> lastStepUsed = new ConcurrentHashMap<>();

	SecondFactor(UserDetailsService users, Accounts accounts, Clock clock) {
		super(users);
		this.accounts = accounts;
		this.clock = clock;
	}

	@Override
	protected void additionalAuthenticationChecks(UserDetails user,
			UsernamePasswordAuthenticationToken authentication) {
		super.additionalAuthenticationChecks(user, authentication);
		String secret = this.accounts.secondFactor(user.getUsername()).orElse(null);
		if (secret == null) {
			return;
		}
		String code = (authentication.getDetails() instanceof Details details) ? details.code() : null;
		if (code == null || !accept(user.getUsername(), secret, code.strip())) {
			throw new BadCredentialsException("second factor refused");
		}
	}

	private boolean accept(String username, String secret, String code) {
		SecretKeySpec key = new SecretKeySpec(new Base32().decode(secret),
				TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);
		Instant now = this.clock.instant();
		long step = now.getEpochSecond() / STEP.toSeconds();
		for (long drift = -1; drift <= 1; drift++) {
			if (code.equals(code(key, now.plus(STEP.multipliedBy(drift))))) {
				long used = step + drift;
				boolean[] fresh = { false };
				this.lastStepUsed.compute(username, (name, before) -> {
					fresh[0] = before == null || used > before;
					return fresh[0] ? used : before;
				});
				return fresh[0];
			}
		}
		return false;
	}

	private String code(SecretKeySpec key, Instant at) {
		try {
			return this.codes.generateOneTimePasswordString(key, at);
		}
		catch (InvalidKeyException ex) {
			throw new IllegalStateException("A Base32 secret always makes an HMAC key", ex);
		}
	}

	/** What the sign-in form sends beside the username and password. */
	static final class Details extends WebAuthenticationDetails {

		private final @Nullable String code;

		Details(HttpServletRequest request) {
			super(request);
			this.code = request.getParameter(CODE_PARAMETER);
		}

		@Nullable String code() {
			return this.code;
		}

	}

}
