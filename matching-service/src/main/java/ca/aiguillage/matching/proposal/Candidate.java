package ca.aiguillage.matching.proposal;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.WeeklySlot;
import org.jspecify.annotations.Nullable;

/**
 * A therapist as the policy sees them: plain values, precomputed as bit masks and minutes
 * of the week so that scanning thousands of them takes microseconds, and so that the
 * policy runs the same in the service, the benchmarks and the simulator.
 */
public final class Candidate {

	final String therapistId;

	final String organizationId;

	final @Nullable String firstName;

	final boolean active;

	final Set<String> languages;

	final long languageMask;

	final int approachMask;

	final int clienteleMask;

	final int modalityMask;

	final List<WeeklySlot> openAvailability;

	/** Open ranges as pairs of minutes since Monday 00:00. */
	final int[] open;

	final int places;

	final int freeRegularPlaces;

	final int freeLowFeePlaces;

	/** The stored version this was read from (-1 outside the service). */
	long version = -1;

	/** The partners whose referrals hold places here, one entry per place. */
	List<String> partnersHolding = List.of();

	/**
	 * @param therapistId the therapist id
	 * @param organizationId the member organization
	 * @param firstName the display name, or null
	 * @param active whether they take new clients now
	 * @param languages ISO 639-1 codes of their working languages
	 * @param approaches the approaches they offer
	 * @param clienteles who they take
	 * @param modalities in person and/or video
	 * @param openAvailability their weekly hours not yet promised to a reserved client
	 * @param places the new-client places declared
	 * @param freeRegularPlaces regular places not reserved yet
	 * @param freeLowFeePlaces low-fee places not reserved yet
	 */
	public Candidate(String therapistId, String organizationId, @Nullable String firstName, boolean active,
			Collection<String> languages, Collection<Approach> approaches, Collection<Clientele> clienteles,
			Collection<Modality> modalities, List<WeeklySlot> openAvailability, int places, int freeRegularPlaces,
			int freeLowFeePlaces) {
		this.therapistId = therapistId;
		this.organizationId = organizationId;
		this.firstName = firstName;
		this.active = active;
		this.languages = Set.copyOf(languages);
		this.languageMask = LanguageBits.mask(languages);
		this.approachMask = Bits.of(approaches);
		this.clienteleMask = Bits.of(clienteles);
		this.modalityMask = Bits.of(modalities);
		this.openAvailability = List.copyOf(openAvailability);
		this.open = WeekMinutes.of(openAvailability);
		this.places = places;
		this.freeRegularPlaces = freeRegularPlaces;
		this.freeLowFeePlaces = freeLowFeePlaces;
	}

	public String therapistId() {
		return this.therapistId;
	}

	public String organizationId() {
		return this.organizationId;
	}

	public @Nullable String firstName() {
		return this.firstName;
	}

	public boolean active() {
		return this.active;
	}

	public int places() {
		return this.places;
	}

	public int freePlaces() {
		return this.freeRegularPlaces + this.freeLowFeePlaces;
	}

	public int freeLowFeePlaces() {
		return this.freeLowFeePlaces;
	}

	public int freeRegularPlaces() {
		return this.freeRegularPlaces;
	}

	public Set<String> languages() {
		return this.languages;
	}

	public List<Approach> approaches() {
		return Bits.approaches(this.approachMask);
	}

	public List<Clientele> clienteles() {
		return Bits.clienteles(this.clienteleMask);
	}

	public List<Modality> modalities() {
		return Bits.modalities(this.modalityMask);
	}

	public List<WeeklySlot> openAvailability() {
		return this.openAvailability;
	}

	/**
	 * The same therapist with one place fewer of the given kind (for simulations and
	 * batch assignment, which reserve in memory).
	 */
	public Candidate withOnePlaceTaken(boolean lowFee) {
		return new Candidate(this.therapistId, this.organizationId, this.firstName, this.active, this.languages,
				Bits.approaches(this.approachMask), Bits.clienteles(this.clienteleMask),
				Bits.modalities(this.modalityMask), this.openAvailability, this.places,
				this.freeRegularPlaces - (lowFee ? 0 : 1), this.freeLowFeePlaces - (lowFee ? 1 : 0));
	}

	/** The same therapist with one more free place of the given kind. */
	public Candidate withOnePlaceFreed(boolean lowFee) {
		return new Candidate(this.therapistId, this.organizationId, this.firstName, this.active, this.languages,
				Bits.approaches(this.approachMask), Bits.clienteles(this.clienteleMask),
				Bits.modalities(this.modalityMask), this.openAvailability, this.places,
				this.freeRegularPlaces + (lowFee ? 0 : 1), this.freeLowFeePlaces + (lowFee ? 1 : 0));
	}

	@Override
	public String toString() {
		return "Candidate[" + this.therapistId + "]";
	}

}
