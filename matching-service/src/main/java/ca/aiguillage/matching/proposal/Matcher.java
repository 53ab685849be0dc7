package ca.aiguillage.matching.proposal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.matching.directory.Therapist;
import ca.aiguillage.matching.directory.Therapists;
import ca.aiguillage.platform.outbox.Aggregates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * Matches each submitted referral once. Every outcome is one document write that carries
 * its event: a reservation on the chosen therapist, or a match request saying why no one
 * fits. A redelivered referral finds that write and does nothing.
 */
@Service
class Matcher {

	private static final Logger log = LoggerFactory.getLogger(Matcher.class);

	private static final int ATTEMPTS = 10;

	private final ProposalPolicy policy;

	private final Therapists therapists;

	private final Aggregates aggregates;

	private final Clock clock;

	Matcher(ProposalPolicy policy, Therapists therapists, Aggregates aggregates, Clock clock) {
		this.policy = policy;
		this.therapists = therapists;
		this.aggregates = aggregates;
		this.clock = clock;
	}

	/**
	 * Proposes a therapist for a submitted referral, or records that no one fits now.
	 * @param eventId the id of the event that announced the referral
	 * @param referral the referral's matching attributes
	 */
	void match(String eventId, ReferralSubmittedV1 referral) {
		String referralId = referral.referralId();
		if (this.therapists.anyHoldsPlaceFor(referralId) || alreadyUnmatched(referralId, eventId)) {
			log.info("Referral {} was already matched; event {} changes nothing", referralId, eventId);
			return;
		}
		ReferralNeeds needs = ReferralNeeds.of(referral);
		// Derived from the event, so that a retried attempt proposes under the same id.
		String proposalId = UUID.nameUUIDFromBytes((referralId + "|" + eventId).getBytes(StandardCharsets.UTF_8))
			.toString();
		for (int attempt = 1;; attempt++) {
			List<Therapist> active = this.therapists.active();
			ProposalPolicy.Outcome outcome = this.policy.propose(needs,
					active.stream().map(Matcher::candidate).toList());
			if (outcome instanceof ProposalPolicy.NoMatch noMatch) {
				this.aggregates.applyOnce(MatchRequest.class, referralId, eventId,
						() -> MatchRequest.open(referralId, needs, referral.submittedAt()),
						request -> request.unmatched(noMatch, this.clock.instant()));
				log.info("No therapist fits referral {} among {}: {}", referralId, noMatch.candidatesExamined(),
						noMatch.reasons());
				return;
			}
			ProposalPolicy.Choice choice = (ProposalPolicy.Choice) outcome;
			Therapist therapist = active.stream()
				.filter(candidate -> candidate.getId().equals(choice.therapist().therapistId()))
				.findFirst()
				.orElseThrow();
			therapist.reserve(referralId, proposalId, choice.modality(), choice.slot(), choice.explanation(),
					this.clock.instant());
			try {
				this.aggregates.save(therapist);
				log.info("Referral {} proposed to therapist {}", referralId, therapist.getId());
				return;
			}
			catch (OptimisticLockingFailureException ex) {
				// Another matcher, a directory change or the relay wrote this therapist
				// first: choose again.
				if (attempt == ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	private boolean alreadyUnmatched(String referralId, String eventId) {
		return this.aggregates.find(MatchRequest.class, referralId)
			.map(request -> request.hasApplied(eventId))
			.orElse(false);
	}

	private static Candidate candidate(Therapist therapist) {
		return new Candidate(therapist.getId(), therapist.organizationId(), therapist.active(),
				Set.copyOf(therapist.languages()), Set.copyOf(therapist.approaches()),
				Set.copyOf(therapist.clienteles()), Set.copyOf(therapist.modalities()), therapist.openAvailability(),
				therapist.places(), therapist.freePlaces());
	}

}
