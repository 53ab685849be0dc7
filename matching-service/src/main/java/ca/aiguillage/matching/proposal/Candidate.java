package ca.aiguillage.matching.proposal;

import java.util.List;
import java.util.Set;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.WeeklySlot;

/**
 * A therapist as the policy sees them: plain values, so that the policy runs the same in
 * the service and in a simulation.
 *
 * @param therapistId the therapist id
 * @param organizationId the member organization
 * @param active whether they take new clients now
 * @param languages ISO 639-1 codes of their working languages
 * @param approaches the approaches they offer
 * @param clienteles who they take
 * @param modalities in person and/or video
 * @param openAvailability their weekly hours not yet promised to a reserved client
 * @param places the new-client places declared
 * @param freePlaces the places not reserved yet
 */
record Candidate(String therapistId, String organizationId, boolean active, Set<String> languages,
		Set<Approach> approaches, Set<Clientele> clienteles, Set<Modality> modalities,
		List<WeeklySlot> openAvailability, int places, int freePlaces) {
}
