package ca.aiguillage.contracts.referral;

import java.time.Instant;
import java.util.List;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.ContactChannel;
import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.common.SessionFee;
import ca.aiguillage.contracts.common.WeeklySlot;
import org.jspecify.annotations.Nullable;

/**
 * A referral passed intake validation and was registered. It carries what matching, the
 * waitlist and notifications need, and no name, contact detail, date of birth or reason.
 *
 * @param referralId the referral this event is about, also its message key
 * @param submittedAt when the referral was registered (the start of the wait)
 * @param intakeChannel how the referral arrived
 * @param partnerId the referring partner, or null for a self-referral
 * @param organizationId the target member organization, or null for any
 * @param preferredLanguage ISO 639-1 code of the language for messages
 * @param languages ISO 639-1 codes of the languages the client accepts for therapy
 * @param clientele who comes to therapy
 * @param approaches wanted approaches, possibly empty
 * @param approachRequired whether one of the approaches is clinically required
 * @param modality in person, video or either
 * @param availability the client's weekly availability
 * @param priority the referrer's priority, or null
 * @param postalPrefix the first three characters of the postal code (forward sortation
 * area)
 * @param contactChannels the channels the client consented to
 * @param fee the fee per session from the sliding scale, or null when the organization
 * has no scale
 * @param maxTravelKm how far the client can travel to in-person therapy, or null to use
 * the organizations' service areas
 */
public record ReferralSubmittedV1(String referralId, Instant submittedAt, IntakeChannel intakeChannel,
		@Nullable String partnerId, @Nullable String organizationId, String preferredLanguage, List<String> languages,
		Clientele clientele, List<Approach> approaches, boolean approachRequired, Modality modality,
		List<WeeklySlot> availability, @Nullable Priority priority, String postalPrefix,
		List<ContactChannel> contactChannels, @Nullable SessionFee fee,
		@Nullable Integer maxTravelKm) implements ReferralEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.referral.submitted.v1";

}
