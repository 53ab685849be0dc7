package ca.aiguillage.referral.selfreferral;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often the public self-referral may be used, under {@code referral.self-referral}.
 *
 * @param limitPerAddress self-referrals allowed per client address (IPv4, or IPv6 /64)
 * and period
 * @param period the budgets' period
 * @param budgetPerDestination self-referrals allowed per phone number or email address
 * and period
 * @param budgetGlobal self-referrals allowed through the form, from everyone, per period
 * @param trustedProxies addresses of the reverse proxies whose {@code X-Forwarded-For} is
 * believed; empty by default, so the header is ignored
 */
@ConfigurationProperties("referral.self-referral")
record SelfReferralSettings(@DefaultValue("10") int limitPerAddress, @DefaultValue("PT1H") Duration period,
		@DefaultValue("3") int budgetPerDestination, @DefaultValue("200") int budgetGlobal,
		@DefaultValue List<String> trustedProxies) {
}
