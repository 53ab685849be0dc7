package ca.aiguillage.matching.proposal;

import java.util.List;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import org.jspecify.annotations.Nullable;

/**
 * What a referral asks of a therapist: the matching attributes of the submitted referral,
 * and nothing about the client as a person.
 *
 * @param organizationId the member organization the referral was sent to, or null for any
 * @param languages ISO 639-1 codes of the languages the client accepts for therapy
 * @param clientele who comes to therapy
 * @param approaches wanted approaches, possibly empty
 * @param approachRequired whether one of the approaches is clinically required
 * @param modality in person, video or either
 * @param availability the client's weekly availability
 * @param priority the referrer's priority, or null
 */
record ReferralNeeds(@Nullable String organizationId, List<String> languages, Clientele clientele,
		List<Approach> approaches, boolean approachRequired, Modality modality, List<WeeklySlot> availability,
		@Nullable Priority priority) {

	static ReferralNeeds of(ReferralSubmittedV1 referral) {
		return new ReferralNeeds(referral.organizationId(), referral.languages(), referral.clientele(),
				referral.approaches(), referral.approachRequired(), referral.modality(), referral.availability(),
				referral.priority());
	}

}
