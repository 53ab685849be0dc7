package ca.aiguillage.matching.proposal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.web.NotFoundException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * The therapists a coordinator may choose instead of matching's proposal: those of the
 * referral's organization with a free place, each with the hard constraints it breaks, as
 * the policy itself computes them, so that nobody ticks them by hand.
 */
@Service
class OverrideCandidates {

	private final MatchRequests requests;

	private final DirectorySnapshot snapshot;

	private final ProposalPolicy policy;

	private final Clock clock;

	OverrideCandidates(MatchRequests requests, DirectorySnapshot snapshot, ProposalPolicy policy, Clock clock) {
		this.requests = requests;
		this.snapshot = snapshot;
		this.policy = policy;
		this.clock = clock;
	}

	/**
	 * The candidates for a referral, those meeting every hard constraint first, then by
	 * score.
	 * @throws NotFoundException when the referral is unknown to matching, closed, or of
	 * another organization than the caller's
	 */
	List<OverrideCandidate> of(String referralId, Caller caller) {
		MatchRequest request = this.requests.find(referralId)
			.filter(MatchRequest::movable)
			.orElseThrow(() -> new NotFoundException("referral"));
		Roster roster = this.snapshot.roster();
		String organizationId = organizationOf(request, roster);
		// Another organization's referral reads exactly like an unknown one.
		if (!caller.isAdmin() && (organizationId == null || !caller.coordinates(organizationId))) {
			throw new NotFoundException("referral");
		}
		List<Candidate> eligible = roster.candidates.stream()
			.filter(candidate -> organizationId == null || organizationId.equals(candidate.organizationId))
			.filter(candidate -> candidate.active && candidate.freePlaces() > 0)
			.filter(candidate -> !candidate.therapistId.equals(holder(request)))
			.toList();
		ProposalPolicy.Request compiled = this.policy.request(request.needs(),
				new Roster(eligible, roster.reach, roster.usualOrganizations), this.clock.instant());
		List<Scored> scored = new ArrayList<>();
		for (int i = 0; i < eligible.size(); i++) {
			Candidate candidate = eligible.get(i);
			List<String> broken = compiled.allBroken(candidate, i).stream().map(Enum::name).toList();
			scored.add(new Scored(new OverrideCandidate(candidate.therapistId, candidate.firstName,
					candidate.organizationId, candidate.freePlaces(), broken), compiled.score(i), candidate));
		}
		scored.sort(Comparator.comparing((Scored one) -> !one.candidate().constraintsBroken().isEmpty())
			.thenComparing((one,
					other) -> ProposalPolicy.better(one.score(), one.therapist(), other.score(), other.therapist()) ? -1
							: 1));
		return scored.stream().map(Scored::candidate).toList();
	}

	/**
	 * The organization the referral is in: the one it was sent to, else the one whose
	 * therapist holds its place.
	 */
	private static @Nullable String organizationOf(MatchRequest request, Roster roster) {
		if (request.needs().organizationId() != null) {
			return request.needs().organizationId();
		}
		String holder = holder(request);
		Candidate holding = (holder != null) ? roster.find(holder) : null;
		return (holding != null) ? holding.organizationId : null;
	}

	private static @Nullable String holder(MatchRequest request) {
		return (request.status() == MatchRequest.Status.HELD || request.status() == MatchRequest.Status.CONFIRMED)
				? request.therapistId() : null;
	}

	private record Scored(OverrideCandidate candidate, double score, Candidate therapist) {
	}

	/**
	 * A therapist a coordinator may choose, as the API shows them.
	 *
	 * @param therapistId the therapist's id in the directory
	 * @param name their display name
	 * @param organizationId their organization
	 * @param freePlaces their places not reserved yet
	 * @param constraintsBroken the hard constraints they break for this referral (the
	 * codes of {@link ProposalPolicy.Constraint}), empty when they fit
	 */
	record OverrideCandidate(String therapistId, @Nullable String name, String organizationId, int freePlaces,
			List<String> constraintsBroken) {
	}

}
