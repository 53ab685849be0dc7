package ca.aiguillage.contracts.referral;

import java.time.Instant;
import java.util.List;

import ca.aiguillage.contracts.common.ContactChannel;
import org.jspecify.annotations.Nullable;

/**
 * A referral screened at imminent risk was redirected to crisis resources (911,
 * Info-Social 811, 9-8-8) instead of being queued. Urgent: coordinators and the referrer
 * are told at once.
 *
 * @param referralId the referral this event is about, also its message key
 * @param partnerId the referring partner, or null for a self-referral
 * @param organizationId the target member organization, or null for any
 * @param preferredLanguage ISO 639-1 code of the language for messages
 * @param contactChannels the channels the client consented to
 * @param redirectedAt when the referral was redirected
 */
public record ReferralRedirectedV1(String referralId, @Nullable String partnerId, @Nullable String organizationId,
		String preferredLanguage, List<ContactChannel> contactChannels, Instant redirectedAt) implements ReferralEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.referral.redirected.v1";

}
