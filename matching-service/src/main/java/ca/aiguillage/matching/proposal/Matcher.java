package ca.aiguillage.matching.proposal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.matching.directory.TherapistSaved;
import ca.aiguillage.platform.outbox.Aggregates;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Chooses: which therapist for a referral, which waiting referral for a freed place, and
 * all free places together when several open at once. The choices are taken on the
 * snapshot and made real by {@link PlaceReservations}, which checks them again on the
 * fresh documents; a choice another writer beat is taken again.
 */
@Service
class Matcher {

	private static final Logger log = LoggerFactory.getLogger(Matcher.class);

	/** How many times a referral or a place is chosen again after losing a race. */
	private static final int CHOICES = 50;

	private final ProposalPolicy policy;

	private final DirectorySnapshot snapshot;

	private final MatchRequests requests;

	private final PlaceReservations reservations;

	private final Aggregates aggregates;

	private final Clock clock;

	private final BatchAssignment batch;

	Matcher(ProposalPolicy policy, DirectorySnapshot snapshot, MatchRequests requests, PlaceReservations reservations,
			Aggregates aggregates, Clock clock) {
		this.policy = policy;
		this.snapshot = snapshot;
		this.requests = requests;
		this.reservations = reservations;
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

	/** A place given back goes at once to the waiting referral that fits it best. */
	@EventListener
	void placeFreed(PlaceFreed freed) {
		refill(freed.therapistId());
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
			if (candidate >= 0
					&& claimAndReserve(waiting.get(r).getId(), roster.candidates().get(candidate).therapistId())) {
				placed++;
			}
		}
		log.info("Batch assignment placed {} of {} waiting referrals", placed, waiting.size());
		return placed;
	}

	/**
	 * Takes a submitted referral into the pool once, with what the waitlist decided
	 * before it arrived, and places it, or records that no one fits now.
	 */
	void match(String eventId, ReferralSubmittedV1 referral) {
		ReferralNeeds needs = ReferralNeeds.of(referral);
		this.aggregates.applyOnce(MatchRequest.class, referral.referralId(), eventId, () -> MatchRequest.open(needs),
				request -> request.submitted(needs));
		place(referral.referralId());
	}

	/**
	 * Places a waiting referral with the best-fitting therapist, if any; a referral that
	 * is not waiting is left as it is.
	 * @return whether a place was reserved for it
	 */
	boolean place(String referralId) {
		for (int choice = 1; choice <= CHOICES; choice++) {
			Optional<PlaceReservations.Claim> claim = this.reservations.claim(referralId, this::choose);
			if (claim.isEmpty()) {
				return false;
			}
			if (this.reservations.reserve(claim.get())) {
				return true;
			}
		}
		throw new OptimisticLockingFailureException("Referral " + referralId + " could not be placed");
	}

	/** The best-fitting therapist now, or null after recording why no one fits. */
	private @Nullable String choose(MatchRequest request) {
		Instant now = this.clock.instant();
		return switch (this.policy.propose(request.needs(), this.snapshot.roster(), now)) {
			case ProposalPolicy.Choice choice -> choice.therapist().therapistId();
			case ProposalPolicy.NoMatch noMatch -> {
				request.unmatched(noMatch, now);
				log.info("No therapist fits referral {} among {}: {}", request.getId(), noMatch.candidatesExamined(),
						noMatch.reasons());
				yield null;
			}
		};
	}

	/**
	 * Gives a therapist's free places to the waiting referrals that fit them best, one
	 * place at a time.
	 * @return how many referrals were placed
	 */
	int refill(String therapistId) {
		this.snapshot.refresh(therapistId);
		int placed = 0;
		for (int choice = 1; choice <= CHOICES; choice++) {
			Roster roster = this.snapshot.roster();
			int index = roster.indexOf(therapistId);
			if (index < 0 || roster.candidates.get(index).freePlaces() == 0) {
				return placed;
			}
			Optional<MatchRequest> best = bestWaitingFor(roster, index);
			if (best.isEmpty()) {
				return placed;
			}
			if (claimAndReserve(best.get().getId(), therapistId)) {
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

	private boolean claimAndReserve(String referralId, String therapistId) {
		return this.reservations.claimFor(referralId, therapistId).map(this.reservations::reserve).orElse(false);
	}

	/**
	 * Finishes or gives back claims that a crash left without their reservation, then
	 * places the referrals given back.
	 */
	@Scheduled(initialDelayString = "${matching.recovery-interval:PT1M}",
			fixedDelayString = "${matching.recovery-interval:PT1M}")
	void recover() {
		this.reservations.recoverAbandonedClaims().forEach(this::place);
	}

}
