package ca.aiguillage.authorization.login;

import java.time.Duration;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-in throttling, under {@code aiguillage.authorization.login}: per username and per
 * client network (an IPv4 address, an IPv6 /64), failures beyond the free ones make the
 * next attempt wait, doubling each time, until a lockout.
 *
 * @param freeFailures failures of a username before its next attempt waits
 * @param firstDelay the first wait, doubled at each further failure
 * @param lockoutAfter failures of a username that lock it out
 * @param lockout how long a lockout lasts, and how long failures are remembered
 * @param networkFreeFailures failures from one client network before its next attempt
 * waits
 * @param networkLockoutAfter failures from one client network that lock it out
 */
@Validated
@ConfigurationProperties("aiguillage.authorization.login")
record LoginSettings(@DefaultValue("3") @Positive int freeFailures, @DefaultValue("1s") Duration firstDelay,
		@DefaultValue("10") @Positive int lockoutAfter, @DefaultValue("15m") Duration lockout,
		@DefaultValue("20") @Positive int networkFreeFailures, @DefaultValue("100") @Positive int networkLockoutAfter) {

	LoginThrottle.Limits usernameLimits() {
		return new LoginThrottle.Limits(this.freeFailures, this.lockoutAfter, this.firstDelay, this.lockout);
	}

	LoginThrottle.Limits networkLimits() {
		return new LoginThrottle.Limits(this.networkFreeFailures, this.networkLockoutAfter, this.firstDelay,
				this.lockout);
	}

}
