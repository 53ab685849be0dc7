package ca.aiguillage.matching.proposal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.matching.directory.Therapist;
import ca.aiguillage.matching.directory.TherapistSaved;
import ca.aiguillage.matching.directory.Therapists;
import ca.aiguillage.matching.network.Organization;
import ca.aiguillage.matching.network.Organizations;
import ca.aiguillage.platform.outbox.Aggregates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Places referrals. A referral is first claimed in its own document (one conditional
 * write, so that two matchers never place it twice), then one place is reserved in the
 * therapist's document (one conditional write carrying the proposal, so that two matchers
 * never take the same last place). Each write carries its events; a failed reservation
 * gives the claim back and chooses again.
 */
@Service
class Matcher {

	private static final Logger log = LoggerFactory.getLogger(Matcher.class);

	private static final int ATTEMPTS = 50;

	/** A claim this old without its reservation was left by a crash. */
	private static final Duration STALE_CLAIM = Duration.ofMinutes(1);

	private final ProposalPolicy policy;

	private final DirectorySnapshot snapshot;

	private final Therapists therapists;

	private final MatchRequests requests;

	private final Organizations organizations;

	private final Aggregates aggregates;

	private final Clock clock;

	private final BatchAssignment batch;

	Matcher(ProposalPolicy policy, DirectorySnapshot snapshot, Therapists therapists, MatchRequests requests,
			Organizations organizations, Aggregates aggregates, Clock clock) {
		this.policy = policy;
		this.snapshot = snapshot;
		this.therapists = therapists;
		this.requests = requests;
		this.organizations = organizations;
		this.aggregates = aggregates;
		this.clock = clock;
		this.batch = new BatchAssignment(policy);
	}

	/**
	 * A directory entry written here may open places (a new therapist, more places): the
	 * waiting referrals are examined again, all free places together when there are
	 * several.
	 */
	@EventListener
	@Order(Ordered.LOWEST_PRECEDENCE)
	void directoryChanged(TherapistSaved saved) {
		int free = saved.therapist().freePlaces();
		if (free == 1) {
			refill(saved.therapist().getId());
		}
		else if (free > 1) {
			placeTogether();
		}
	}

	/**
	 * Assigns every free place to the waiting referrals at once with the batch optimizer,
	 * then claims and reserves each pair; a pair another writer beat is skipped.
	 * @return how many referrals were placed
	 */
	int placeTogether() {
		List<MatchRequest> waiting = this.requests.waiting();
		if (waiting.isEmpty()) {
			return 0;
		}
		Roster roster = this.snapshot.roster();
		BatchAssignment.Result result = this.batch.optimal(waiting.stream().map(MatchRequest::needs).toList(), roster,
				this.clock.instant());
		int placed = 0;
		for (int r = 0; r < waiting.size(); r++) {
			int candidate = result.therapistOf()[r];
			if (candidate >= 0 && claimAndReserve(waiting.get(r), roster.candidates().get(candidate).therapistId())) {
				placed++;
			}
		}
		log.info("Batch assignment placed {} of {} waiting referrals", placed, waiting.size());
		return placed;
	}

	/**
	 * Takes a submitted referral into the pool once and places it, or records that no one
	 * fits now.
	 * @param eventId the id of the event that announced the referral
	 * @param referral the referral's matching attributes
	 */
	void match(String eventId, ReferralSubmittedV1 referral) {
		ReferralNeeds needs = ReferralNeeds.of(referral);
		this.aggregates.applyOnce(MatchRequest.class, referral.referralId(), eventId, () -> MatchRequest.open(needs),
				request -> {
				});
		place(referral.referralId());
	}

	/**
	 * Places a waiting referral with the best-fitting therapist, if any; a referral that
	 * is not waiting is left as it is.
	 * @return whether a place was reserved for it
	 */
	boolean place(String referralId) {
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			MatchRequest request = this.requests.find(referralId).orElse(null);
			if (request == null || !request.waiting()) {
				return false;
			}
			Instant now = this.clock.instant();
			ProposalPolicy.Outcome outcome = this.policy.propose(request.needs(), this.snapshot.roster(), now);
			if (outcome instanceof ProposalPolicy.NoMatch noMatch) {
				request.unmatched(noMatch, now);
				if (saved(request)) {
					log.info("No therapist fits referral {} among {}: {}", referralId, noMatch.candidatesExamined(),
							noMatch.reasons());
					return false;
				}
				continue;
			}
			if (claimAndReserve(request, ((ProposalPolicy.Choice) outcome).therapist().therapistId())) {
				return true;
			}
		}
		throw new OptimisticLockingFailureException("Referral " + referralId + " could not be placed");
	}

	/**
	 * Gives a therapist's free places to the waiting referrals that fit them best, one
	 * place at a time.
	 * @return how many referrals were placed
	 */
	int refill(String therapistId) {
		this.snapshot.refresh(therapistId);
		int placed = 0;
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			Roster roster = this.snapshot.roster();
			int index = roster.indexOf(therapistId);
			if (index < 0 || roster.candidates.get(index).freePlaces() == 0) {
				return placed;
			}
			Optional<MatchRequest> best = bestWaitingFor(roster, index);
			if (best.isEmpty()) {
				return placed;
			}
			if (claimAndReserve(best.get(), therapistId)) {
				placed++;
			}
		}
		return placed;
	}

	/** The waiting referral this therapist fits with the highest score. */
	private Optional<MatchRequest> bestWaitingFor(Roster roster, int index) {
		Instant now = this.clock.instant();
		MatchRequest best = null;
		double bestScore = 0;
		for (MatchRequest request : this.requests.waiting()) {
			ProposalPolicy.Request compiled = this.policy.request(request.needs(), roster, now);
			if (compiled.fits(index)) {
				double score = compiled.score(index);
				if (best == null || score > bestScore) {
					best = request;
					bestScore = score;
				}
			}
		}
		return Optional.ofNullable(best);
	}

	/**
	 * Claims a waiting referral for a therapist, then reserves the place.
	 * @return whether the place is now held; false if another writer came first (the
	 * caller chooses again)
	 */
	private boolean claimAndReserve(MatchRequest request, String therapistId) {
		String proposalId = UUID
			.nameUUIDFromBytes(
					(request.getId() + "|" + therapistId + "|" + request.getVersion()).getBytes(StandardCharsets.UTF_8))
			.toString();
		request.claim(therapistId, proposalId, this.clock.instant());
		if (!saved(request)) {
			return false;
		}
		if (reserve(request, therapistId, proposalId)) {
			return true;
		}
		giveBack(request.getId());
		return false;
	}

	/**
	 * Reserves a place for a claimed referral on the fresh document, checking the hard
	 * constraints again against it.
	 */
	private boolean reserve(MatchRequest request, String therapistId, String proposalId) {
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			Therapist therapist = this.therapists.find(therapistId).orElse(null);
			if (therapist == null) {
				return false;
			}
			if (therapist.holds(request.getId())) {
				return true;
			}
			Candidate fresh = DirectorySnapshot.candidate(therapist);
			Roster one = new Roster(List.of(fresh), this.snapshot.roster().reach,
					this.snapshot.roster().usualOrganizations);
			ProposalPolicy.Outcome outcome = this.policy.propose(request.needs(), one, this.clock.instant());
			if (!(outcome instanceof ProposalPolicy.Choice choice)) {
				this.snapshot.refresh(therapist);
				return false;
			}
			ReferralNeeds needs = request.needs();
			therapist.reserve(
					new Therapist.Hold(request.getId(), proposalId, needs.lowFee(), needs.partnerId(),
							choice.modality(), choice.slot(), choice.explanation(), organizationName(therapist)),
					this.clock.instant());
			try {
				this.snapshot.refresh(this.aggregates.save(therapist));
				log.info("Referral {} proposed to therapist {}", request.getId(), therapistId);
				return true;
			}
			catch (OptimisticLockingFailureException ex) {
				// Another matcher, a directory change or the relay wrote this therapist
				// first: check again on the fresh document.
			}
		}
		return false;
	}

	private String organizationName(Therapist therapist) {
		return this.organizations.find(therapist.organizationId()).map(Organization::name).orElse(null);
	}

	/** Returns a claim whose reservation failed, so that the referral waits again. */
	private void giveBack(String referralId) {
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			MatchRequest request = this.requests.find(referralId).orElseThrow();
			if (request.status() != MatchRequest.Status.HELD) {
				return;
			}
			request.unclaim();
			if (saved(request)) {
				return;
			}
		}
	}

	/**
	 * Finishes or gives back claims that a crash left without their reservation, then
	 * places the referrals that wait.
	 */
	@Scheduled(initialDelayString = "${matching.recovery-interval:PT1M}",
			fixedDelayString = "${matching.recovery-interval:PT1M}")
	void recover() {
		for (MatchRequest request : this.requests.heldSince(this.clock.instant().minus(STALE_CLAIM))) {
			String therapistId = request.therapistId();
			String proposalId = request.proposalId();
			if (therapistId == null || proposalId == null) {
				continue;
			}
			boolean held = this.therapists.find(therapistId).map(t -> t.holds(request.getId())).orElse(false);
			if (!held && !reserve(request, therapistId, proposalId)) {
				giveBack(request.getId());
				place(request.getId());
			}
		}
	}

	private boolean saved(MatchRequest request) {
		try {
			this.aggregates.save(request);
			return true;
		}
		catch (OptimisticLockingFailureException | DuplicateKeyException ex) {
			return false;
		}
	}

}
