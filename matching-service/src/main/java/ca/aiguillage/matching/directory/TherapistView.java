package ca.aiguillage.matching.directory;

import java.util.List;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.WeeklySlot;

/**
 * A therapist as the directory API shows them: what they declare and how many places are
 * still free. Which referrals hold the other places is not shown here.
 *
 * @param id the therapist id
 * @param organizationId the member organization
 * @param firstName the display name
 * @param approaches the approaches offered
 * @param languages ISO 639-1 codes of the working languages
 * @param clienteles who the therapist takes
 * @param modalities in person and/or video
 * @param availability the weekly hours declared
 * @param places the new-client places declared
 * @param lowFeePlaces how many of those are at the lowest fees
 * @param active whether the therapist takes new clients now
 * @param freePlaces the places not reserved yet
 */
record TherapistView(String id, String organizationId, String firstName, List<Approach> approaches,
		List<String> languages, List<Clientele> clienteles, List<Modality> modalities, List<WeeklySlot> availability,
		int places, int lowFeePlaces, boolean active, int freePlaces) {

	static TherapistView of(Therapist therapist) {
		return new TherapistView(therapist.getId(), therapist.organizationId(), therapist.firstName(),
				therapist.approaches(), therapist.languages(), therapist.clienteles(), therapist.modalities(),
				therapist.availability(), therapist.places(), therapist.lowFeePlaces(), therapist.active(),
				therapist.freePlaces());
	}

}
