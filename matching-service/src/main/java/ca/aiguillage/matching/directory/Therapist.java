package ca.aiguillage.matching.directory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.platform.outbox.Aggregate;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A therapist of the directory and the new-client places they hold for referrals.
 * Reserving a place and announcing the proposal is one write of this document,
 * conditional on its version, so two matchers can never take the same last place.
 */
@Document("therapists")
public class Therapist extends Aggregate {

	private String organizationId;

	private String firstName;

	private List<Approach> approaches = new ArrayList<>();

	private List<String> languages = new ArrayList<>();

	private List<Clientele> clienteles = new ArrayList<>();

	private List<Modality> modalities = new ArrayList<>();

	private List<WeeklySlot> availability = new ArrayList<>();

	private int places;

	private int lowFeePlaces;

	private boolean active;

	private List<Reservation> reservations = new ArrayList<>();

	@PersistenceCreator
	Therapist(String id) {
		super(id);
	}

	/**
	 * Replaces what the therapist declares; the places already reserved stay reserved.
	 */
	void describe(TherapistProfile profile) {
		this.organizationId = profile.organizationId();
		this.firstName = profile.firstName();
		this.approaches = List.copyOf(profile.approaches());
		this.languages = List.copyOf(profile.languages());
		this.clienteles = List.copyOf(profile.clienteles());
		this.modalities = List.copyOf(profile.modalities());
		this.availability = List.copyOf(profile.availability());
		this.places = profile.places();
		this.lowFeePlaces = profile.lowFeePlaces();
		this.active = profile.active();
	}

	/**
	 * Reserves one of this therapist's free places for a referral and announces the
	 * proposal. A referral that already holds a place here keeps it and nothing new is
	 * announced.
	 * @param referralId the referral
	 * @param proposalId the proposal id
	 * @param modality the modality offered
	 * @param slot the weekly slot offered, inside {@link #openAvailability()}
	 * @param explanation why this therapist
	 * @param now the time of the reservation
	 * @throws IllegalStateException when the therapist takes no new client now
	 */
	public void reserve(String referralId, String proposalId, Modality modality, WeeklySlot slot,
			ProposalMadeV1.Explanation explanation, Instant now) {
		if (holdsPlaceFor(referralId)) {
			return;
		}
		if (!this.active || freePlaces() == 0) {
			throw new IllegalStateException("Therapist " + getId() + " has no free place");
		}
		this.reservations.add(new Reservation(referralId, proposalId, slot, now));
		raise(new ProposalMadeV1(referralId, proposalId, getId(), this.organizationId, modality, slot, explanation, now,
				null, null));
	}

	boolean holdsPlaceFor(String referralId) {
		return this.reservations.stream().anyMatch(reservation -> reservation.referralId().equals(referralId));
	}

	/**
	 * Places not reserved yet; never negative, even when the therapist lowered their
	 * places.
	 */
	public int freePlaces() {
		return Math.max(0, this.places - this.reservations.size());
	}

	/** The weekly hours minus the slots already promised to reserved clients. */
	public List<WeeklySlot> openAvailability() {
		List<WeeklySlot> open = this.availability;
		for (Reservation reservation : this.reservations) {
			open = open.stream().flatMap(range -> without(range, reservation.slot())).toList();
		}
		return open;
	}

	private static Stream<WeeklySlot> without(WeeklySlot range, WeeklySlot taken) {
		boolean overlaps = range.day() == taken.day() && taken.start().isBefore(range.end())
				&& range.start().isBefore(taken.end());
		if (!overlaps) {
			return Stream.of(range);
		}
		List<WeeklySlot> rest = new ArrayList<>(2);
		if (range.start().isBefore(taken.start())) {
			rest.add(new WeeklySlot(range.day(), range.start(), taken.start()));
		}
		if (taken.end().isBefore(range.end())) {
			rest.add(new WeeklySlot(range.day(), taken.end(), range.end()));
		}
		return rest.stream();
	}

	public String organizationId() {
		return this.organizationId;
	}

	String firstName() {
		return this.firstName;
	}

	public List<Approach> approaches() {
		return this.approaches;
	}

	public List<String> languages() {
		return this.languages;
	}

	public List<Clientele> clienteles() {
		return this.clienteles;
	}

	public List<Modality> modalities() {
		return this.modalities;
	}

	List<WeeklySlot> availability() {
		return this.availability;
	}

	public int places() {
		return this.places;
	}

	int lowFeePlaces() {
		return this.lowFeePlaces;
	}

	public boolean active() {
		return this.active;
	}

	List<Reservation> reservations() {
		return List.copyOf(this.reservations);
	}

}
