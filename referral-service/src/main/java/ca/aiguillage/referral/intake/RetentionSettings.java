package ca.aiguillage.referral.intake;

import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long what identifies a client is kept once their referral is closed, under
 * {@code aiguillage.retention}.
 *
 * @param closedReferrals the period after a referral's last step (closed, withdrawn,
 * redirected, …) before its personal data is erased; 5 years by default, an assumption
 * each organization confirms against its own obligations
 */
@ConfigurationProperties("aiguillage.retention")
record RetentionSettings(@DefaultValue("P5Y") Period closedReferrals) {
}
