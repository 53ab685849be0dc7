package ca.aiguillage.matching.directory;

import java.util.List;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.WeeklySlot;
import org.jspecify.annotations.Nullable;

/**
 * What a therapist declares in the directory: the body of {@code PUT
 * /api/v1/therapists/{id}}. Every field is nullable here so that a missing one is named
 * by validation, not by a 500.
 *
 * @param organizationId the member organization the therapist practises with
 * @param firstName the first name shown to coordinators and clients (a display name only)
 * @param approaches the approaches the therapist is trained in
 * @param languages ISO 639-1 codes of the languages the therapist works in
 * @param clienteles who the therapist takes (adults, adolescents, couples, families)
 * @param modalities in person and/or video
 * @param availability the weekly hours open to new clients
 * @param places how many new clients the therapist can take
 * @param lowFeePlaces how many of those are at the lowest fees
 * @param active whether the therapist takes new clients at all now
 */
public record TherapistProfile(@Nullable String organizationId, @Nullable String firstName,
		@Nullable List<Approach> approaches, @Nullable List<String> languages, @Nullable List<Clientele> clienteles,
		@Nullable List<Modality> modalities, @Nullable List<WeeklySlot> availability, @Nullable Integer places,
		@Nullable Integer lowFeePlaces, @Nullable Boolean active) {
}
