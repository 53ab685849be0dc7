package ca.aiguillage.referral.selfreferral;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often one client address may refer itself.
 *
 * @param limitPerAddress self-referrals allowed per address and period
 */
@ConfigurationProperties("referral.self-referral")
record SelfReferralSettings(@DefaultValue("10") int limitPerAddress, @DefaultValue("PT1H") Duration period) {
}
