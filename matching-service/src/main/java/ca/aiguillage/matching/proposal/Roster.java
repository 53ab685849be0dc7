package ca.aiguillage.matching.proposal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The directory as the policy scans it: every candidate, each organization's reach, and
 * the organization each referring partner usually works with. Immutable: the service
 * swaps in a new roster when the directory changes.
 */
public final class Roster {

	private static final Reach EVERYWHERE = (organizationId, postalPrefix, maxTravelKm) -> true;

	final List<Candidate> candidates;

	/** The index of each candidate's organization in {@link #organizations}. */
	final int[] organizationIndex;

	final List<String> organizations;

	final Map<String, String> usualOrganizations;

	final Reach reach;

	/** The organizations that share their video places with the whole network. */
	final Set<String> videoPool;

	public Roster(List<Candidate> candidates, Reach reach, Map<String, String> usualOrganizations) {
		this(candidates, reach, usualOrganizations, Set.of());
	}

	public Roster(List<Candidate> candidates, Reach reach, Map<String, String> usualOrganizations,
			Set<String> videoPool) {
		this.candidates = List.copyOf(candidates);
		this.reach = reach;
		this.usualOrganizations = Map.copyOf(usualOrganizations);
		this.videoPool = Set.copyOf(videoPool);
		Map<String, Integer> index = new HashMap<>();
		List<String> organizations = new ArrayList<>();
		this.organizationIndex = new int[this.candidates.size()];
		for (int i = 0; i < this.candidates.size(); i++) {
			String organization = this.candidates.get(i).organizationId;
			this.organizationIndex[i] = index.computeIfAbsent(organization, id -> {
				organizations.add(id);
				return organizations.size() - 1;
			});
		}
		this.organizations = List.copyOf(organizations);
	}

	/** Candidates every site of which is within every client's reach (for tests). */
	public static Roster of(List<Candidate> candidates) {
		return new Roster(candidates, EVERYWHERE, Map.of());
	}

	public List<Candidate> candidates() {
		return this.candidates;
	}

	public Reach reach() {
		return this.reach;
	}

	public Map<String, String> usualOrganizations() {
		return this.usualOrganizations;
	}

	public Set<String> videoPool() {
		return this.videoPool;
	}

	/** The same roster with one candidate replaced or added. */
	public Roster with(Candidate candidate) {
		List<Candidate> next = new ArrayList<>(this.candidates);
		int at = indexOf(candidate.therapistId);
		if (at >= 0) {
			next.set(at, candidate);
		}
		else {
			next.add(candidate);
			next.sort(java.util.Comparator.comparing(Candidate::therapistId));
		}
		return new Roster(next, this.reach, this.usualOrganizations, this.videoPool);
	}

	public int indexOf(String therapistId) {
		for (int i = 0; i < this.candidates.size(); i++) {
			if (this.candidates.get(i).therapistId.equals(therapistId)) {
				return i;
			}
		}
		return -1;
	}

	public @Nullable Candidate find(String therapistId) {
		int at = indexOf(therapistId);
		return (at >= 0) ? this.candidates.get(at) : null;
	}

	/**
	 * Whether an organization's site is within a client's reach for in-person sessions.
	 */
	@FunctionalInterface
	public interface Reach {

		boolean reaches(String organizationId, String postalPrefix, @Nullable Integer maxTravelKm);

	}

}
