package ca.aiguillage.waitlist.capacity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ca.aiguillage.contracts.matching.MatchingEvent;
import ca.aiguillage.contracts.matching.NoMatchFoundV1;
import ca.aiguillage.contracts.matching.OverrideRefusedV1;
import ca.aiguillage.contracts.matching.PlaceReleasedV1;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.matching.TherapistChangedV1;
import ca.aiguillage.platform.events.ReceivedEvent;
import ca.aiguillage.platform.outbox.Aggregates;
import ca.aiguillage.platform.work.ScannedCopy;
import ca.aiguillage.platform.work.WorkSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

/**
 * The places of an organization's therapists, or of the whole network's. Each directory
 * change is one conditional write of one therapist's document. The places are also kept
 * in memory by every save, read once at first use and again every
 * {@code aiguillage.work.scan-interval} for what other instances saved: a predicted start
 * needs them for each acknowledgement.
 */
@Component
public class Capacity {

	private final Aggregates aggregates;

	private final ScannedCopy<TherapistPlaces> therapists;

	Capacity(Aggregates aggregates, MongoOperations mongo, WorkSettings work) {
		this.aggregates = aggregates;
		this.therapists = new ScannedCopy<>(work.scanInterval(), () -> {
			Map<String, TherapistPlaces> found = new HashMap<>();
			mongo.findAll(TherapistPlaces.class).forEach(therapist -> found.put(therapist.getId(), therapist));
			return found;
		});
		aggregates.afterSave(TherapistPlaces.class, saved -> this.therapists.saved(saved.getId(), saved));
	}

	/**
	 * The places therapists take new clients in.
	 *
	 * @param therapists how many therapists matching-service told of, active or not
	 * @param places the active therapists' places
	 * @param lowFeePlaces how many of those places are low-fee places
	 */
	public record Places(int therapists, int places, int lowFeePlaces) {
	}

	void apply(ReceivedEvent event) {
		switch (event.data()) {
			case MatchingEvent matching -> apply(matching, event.id());
			// This binding reads matching's topic only.
			default -> {
			}
		}
	}

	private void apply(MatchingEvent event, String eventId) {
		switch (event) {
			case TherapistChangedV1 change -> this.aggregates.applyOnce(TherapistPlaces.class, change.therapistId(),
					eventId, () -> new TherapistPlaces(change.therapistId()), therapist -> therapist.changed(change));
			// A referral's, for the queue.
			case ProposalMadeV1 proposal -> {
			}
			case NoMatchFoundV1 noMatch -> {
			}
			case PlaceReleasedV1 released -> {
			}
			case OverrideRefusedV1 refused -> {
			}
		}
	}

	/**
	 * The organization of a therapist matching-service told of.
	 * @param therapistId the therapist's id in the directory
	 * @return the organization, or empty for a therapist not in the directory
	 */
	public Optional<String> organizationOf(String therapistId) {
		return this.aggregates.find(TherapistPlaces.class, therapistId).map(TherapistPlaces::organizationId);
	}

	/**
	 * The places of one organization, or of the network.
	 * @param organizationId the organization, or null for the whole network
	 * @return its places, or empty when matching-service has told of none of its
	 * therapists
	 */
	public Optional<Places> of(@Nullable String organizationId) {
		List<TherapistPlaces> therapists = this.therapists.values()
			.filter(therapist -> organizationId == null || organizationId.equals(therapist.organizationId()))
			.toList();
		if (therapists.isEmpty()) {
			return Optional.empty();
		}
		List<TherapistPlaces> active = therapists.stream().filter(TherapistPlaces::active).toList();
		return Optional.of(new Places(therapists.size(), active.stream().mapToInt(TherapistPlaces::places).sum(),
				active.stream().mapToInt(TherapistPlaces::lowFeePlaces).sum()));
	}

}
