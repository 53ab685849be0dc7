package ca.aiguillage.contracts.referral;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A referral was withdrawn by its referrer or by the client; every service closes it and
 * a reserved place is released.
 *
 * @param referralId the referral this event is about, also its message key
 * @param partnerId the referring partner, or null for a self-referral
 * @param withdrawnBy who withdrew it
 * @param withdrawnAt when it was withdrawn
 */
public record ReferralWithdrawnV1(String referralId, @Nullable String partnerId, WithdrawnBy withdrawnBy,
		Instant withdrawnAt) implements ReferralEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.referral.withdrawn.v1";

	/**
	 * WithdrawnBy.
	 */
	public enum WithdrawnBy {

		/** The referring partner. */
		REFERRER,
		/** The client. */
		CLIENT,
		/** An administrator. */
		ADMINISTRATOR

	}

}
