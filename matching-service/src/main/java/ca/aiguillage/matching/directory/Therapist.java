package ca.aiguillage.matching.directory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.matching.OverrideRefusedV1;
import ca.aiguillage.contracts.matching.PlaceReleasedV1;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.matching.TherapistChangedV1;
import ca.aiguillage.platform.outbox.Aggregate;
import org.jspecify.annotations.Nullable;

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
	void describe(TherapistProfile profile, Instant now) {
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
		raise(changed(now));
	}

	/**
	 * Reserves one of this therapist's free places for a referral and announces the
	 * proposal. A referral that already holds a place here keeps it and nothing new is
	 * announced.
	 * @param hold the referral, its kind of place and what is offered
	 * @param now the time of the reservation
	 * @throws IllegalStateException when the therapist has no free place of that kind
	 */
	public void reserve(Hold hold, Instant now) {
		if (holdsPlaceFor(hold.referralId())) {
			return;
		}
		if (!canTake(hold.lowFee())) {
			throw new IllegalStateException("Therapist " + getId() + " has no free place of that kind");
		}
		Reservation reservation = new Reservation(hold.referralId(), hold.proposalId(), hold.slot(), now, hold.lowFee(),
				hold.partnerId(), false, hold.modality(), hold.explanation(), hold.organizationName(),
				hold.registeredAt(), hold.priority());
		this.reservations.add(reservation);
		raise(proposal(reservation));
		raise(changed(now));
	}

	/**
	 * Announces again the proposal a referral holds here, so that the queue shows it
	 * again after a coordinator's choice that could not be made.
	 * @return whether the referral holds a place here
	 */
	public boolean reannounce(String referralId) {
		for (Reservation reservation : this.reservations) {
			if (reservation.referralId().equals(referralId)) {
				raise(proposal(reservation));
				return true;
			}
		}
		return false;
	}

	/**
	 * Announces that a coordinator's choice for a referral holding a place here was
	 * refused, then the proposal that stands.
	 */
	public void overrideRefused(OverrideRefusedV1 refusal) {
		raise(refusal);
		reannounce(refusal.referralId());
	}

	/** The proposal that reserved this referral's place here, or null. */
	public @Nullable String proposalOf(String referralId) {
		return this.reservations.stream()
			.filter(reservation -> reservation.referralId().equals(referralId))
			.map(Reservation::proposalId)
			.findFirst()
			.orElse(null);
	}

	private ProposalMadeV1 proposal(Reservation reservation) {
		// Reservations stored before the offer was kept are announced with what is known.
		Modality modality = (reservation.modality() != null) ? reservation.modality() : this.modalities.get(0);
		ProposalMadeV1.Explanation explanation = (reservation.explanation() != null) ? reservation.explanation()
				: new ProposalMadeV1.Explanation(List.of(), java.util.Map.of(), 0.0);
		return new ProposalMadeV1(reservation.referralId(), reservation.proposalId(), getId(), this.organizationId,
				modality, reservation.slot(), explanation, reservation.reservedAt(), this.firstName,
				reservation.organizationName());
	}

	/** Whether a place of this kind is free now. */
	public boolean canTake(boolean lowFee) {
		return this.active && (lowFee ? freeLowFeePlaces() > 0 : freeRegularPlaces() > 0);
	}

	/**
	 * Gives back the place a referral holds, so that a waiting client can have it.
	 * @return whether a place was held
	 */
	public boolean release(String referralId, PlaceReleasedV1.ReleaseReason cause, Instant now) {
		if (!this.reservations.removeIf(reservation -> reservation.referralId().equals(referralId))) {
			return false;
		}
		raise(new PlaceReleasedV1(referralId, getId(), this.organizationId, cause, now));
		raise(changed(now));
		return true;
	}

	/** The client accepted: the place is theirs until therapy ends. */
	public boolean confirm(String referralId) {
		for (int i = 0; i < this.reservations.size(); i++) {
			Reservation reservation = this.reservations.get(i);
			if (reservation.referralId().equals(referralId)) {
				this.reservations.set(i, reservation.asConfirmed());
				return true;
			}
		}
		return false;
	}

	private TherapistChangedV1 changed(Instant now) {
		return new TherapistChangedV1(getId(), this.organizationId, this.active, this.places, this.lowFeePlaces,
				freePlaces(), now, List.copyOf(this.languages), List.copyOf(this.approaches),
				List.copyOf(this.clienteles), List.copyOf(this.modalities));
	}

	/**
	 * What a reservation holds and offers.
	 *
	 * @param referralId the referral
	 * @param proposalId the proposal id
	 * @param lowFee whether the client's fee needs a low-fee place
	 * @param partnerId the referring partner, or null (for continuity of later referrals)
	 * @param modality the modality offered
	 * @param slot the weekly slot offered, inside {@link #openAvailability()}
	 * @param explanation why this therapist
	 * @param organizationName the organization's display name, for messages
	 * @param registeredAt when the referral's wait started, or null
	 * @param priority the referrer's priority, or null
	 */
	public record Hold(String referralId, String proposalId, boolean lowFee, @Nullable String partnerId,
			Modality modality, WeeklySlot slot, ProposalMadeV1.Explanation explanation,
			@Nullable String organizationName, @Nullable Instant registeredAt, @Nullable Priority priority) {
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

	/** Low-fee places not reserved yet. */
	public int freeLowFeePlaces() {
		long held = this.reservations.stream().filter(Reservation::lowFee).count();
		return (int) Math.min(freePlaces(), Math.max(0, this.lowFeePlaces - held));
	}

	/**
	 * Regular places not reserved yet: low-fee places are kept for clients who need one.
	 */
	public int freeRegularPlaces() {
		long held = this.reservations.stream().filter(reservation -> !reservation.lowFee()).count();
		return (int) Math.min(freePlaces(), Math.max(0, this.places - this.lowFeePlaces - held));
	}

	/** The partners whose referrals hold places here, one entry per place. */
	public List<String> partnersHolding() {
		return this.reservations.stream().map(Reservation::partnerId).filter(java.util.Objects::nonNull).toList();
	}

	/** Whether this referral holds a place here. */
	public boolean holds(String referralId) {
		return holdsPlaceFor(referralId);
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

	public String firstName() {
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

	public int lowFeePlaces() {
		return this.lowFeePlaces;
	}

	public boolean active() {
		return this.active;
	}

	List<Reservation> reservations() {
		return List.copyOf(this.reservations);
	}

}
