package ca.aiguillage.matching.directory;

import java.time.Instant;

import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import org.jspecify.annotations.Nullable;

/**
 * A new-client place a therapist holds for a referral, and the weekly slot that goes with
 * it.
 *
 * @param referralId the referral the place is held for
 * @param proposalId the proposal that reserved it
 * @param slot the weekly slot offered
 * @param reservedAt when it was reserved
 * @param lowFee whether it is one of the low-fee places
 * @param partnerId the referring partner, or null
 * @param confirmed whether the client accepted (the place is theirs until therapy ends)
 * @param modality the modality offered (null when reserved before it was kept)
 * @param explanation why this therapist (null when reserved before it was kept)
 * @param organizationName the organization's display name, for messages
 * @param registeredAt when the referral's wait started, so that the caseload can name it
 * without its id (null when reserved before it was kept)
 * @param priority the referrer's priority, or null (none given, or reserved before it was
 * kept)
 */
record Reservation(String referralId, String proposalId, WeeklySlot slot, Instant reservedAt, boolean lowFee,
		@Nullable String partnerId, boolean confirmed, @Nullable Modality modality,
		ProposalMadeV1.@Nullable Explanation explanation, @Nullable String organizationName,
		@Nullable Instant registeredAt, @Nullable Priority priority) {

	Reservation asConfirmed() {
		return new Reservation(this.referralId, this.proposalId, this.slot, this.reservedAt, this.lowFee,
				this.partnerId, true, this.modality, this.explanation, this.organizationName, this.registeredAt,
				this.priority);
	}

}
