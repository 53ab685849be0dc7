package ca.aiguillage.contracts.matching;

import java.time.Instant;

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
 */
public record TherapistChangedV1(String therapistId, String organizationId, boolean active, int places,
		int lowFeePlaces, int freePlaces, Instant changedAt) implements MatchingEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.matching.therapist-changed.v1";

}
