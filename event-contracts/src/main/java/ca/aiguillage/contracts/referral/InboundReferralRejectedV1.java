package ca.aiguillage.contracts.referral;

import java.time.Instant;
import java.util.List;

/**
 * A partner's referral from the inbound topic failed validation; the partner learns which
 * fields and rules failed, never the values.
 *
 * @param partnerId the partner whose referral was refused
 * @param partnerReference the partner's own reference for the referral
 * @param violations each field that failed and the rule it broke
 * @param rejectedAt when it was refused
 */
public record InboundReferralRejectedV1(String partnerId, String partnerReference, List<Violation> violations,
		Instant rejectedAt) implements ReferralEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.referral.inbound-rejected.v1";

	/**
	 * One field that failed validation.
	 *
	 * @param field the JSON path of the field
	 * @param code the rule it broke, such as {@code FUTURE_DATE}
	 */
	public record Violation(String field, String code) {
	}

}
