package ca.aiguillage.referral.api;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many referrals the partner API takes in at once, under
 * {@code referral.intake.admission}.
 *
 * @param maxConcurrent referrals worked on at once by one instance
 * @param maxWait how long one past them waits for a place before it is refused
 * @param retryAfter what the refusal's {@code Retry-After} says
 */
@ConfigurationProperties("referral.intake.admission")
record IntakeAdmissionSettings(@DefaultValue("16") int maxConcurrent, @DefaultValue("PT2S") Duration maxWait,
		@DefaultValue("PT10S") Duration retryAfter) {
}
