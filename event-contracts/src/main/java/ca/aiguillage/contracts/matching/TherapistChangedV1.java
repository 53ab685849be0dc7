package ca.aiguillage.contracts.matching;

import java.time.Instant;
import java.util.List;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.Modality;
import org.jspecify.annotations.Nullable;

/**
 * A therapist's directory record changed (created, updated, places added or taken); keyed
 * by therapist id.
 *
 * @param therapistId the therapist's id in matching-service's directory
 * @param organizationId the therapist's organization
 * @param active whether the therapist takes new clients
 * @param places places for new clients
 * @param lowFeePlaces how many of the places are low-fee places
 * @param freePlaces places not reserved now
 * @param changedAt when it changed
 * @param languages ISO 639-1 codes of the languages the therapist works in (added inside
 * V1, optional)
 * @param approaches the therapeutic approaches the therapist offers (added inside V1,
 * optional)
 * @param clienteles the clienteles the therapist sees (added inside V1, optional)
 * @param modalities the modalities the therapist offers (added inside V1, optional)
 */
public record TherapistChangedV1(String therapistId, String organizationId, boolean active, int places,
		int lowFeePlaces, int freePlaces, Instant changedAt, @Nullable List<String> languages,
		@Nullable List<Approach> approaches, @Nullable List<Clientele> clienteles,
		@Nullable List<Modality> modalities) implements MatchingEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.matching.therapist-changed.v1";

	/**
	 * A change announced without what the therapist offers, as before those fields.
	 * @param therapistId the therapist's id
	 * @param organizationId the therapist's organization
	 * @param active whether the therapist takes new clients
	 * @param places places for new clients
	 * @param lowFeePlaces how many of the places are low-fee places
	 * @param freePlaces places not reserved now
	 * @param changedAt when it changed
	 */
	public TherapistChangedV1(String therapistId, String organizationId, boolean active, int places, int lowFeePlaces,
			int freePlaces, Instant changedAt) {
		this(therapistId, organizationId, active, places, lowFeePlaces, freePlaces, changedAt, null, null, null, null);
	}

}
