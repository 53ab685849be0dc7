package ca.aiguillage.matching.proposal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.matching.OverrideRefusedV1;
import ca.aiguillage.contracts.matching.OverrideRefusedV1.RefusalReason;
import ca.aiguillage.contracts.matching.PlaceReleasedV1.ReleaseReason;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.matching.directory.Therapist;
import ca.aiguillage.matching.directory.Therapists;
import ca.aiguillage.matching.network.Organization;
import ca.aiguillage.matching.network.Organizations;
import ca.aiguillage.platform.events.MalformedEventException;
import ca.aiguillage.platform.outbox.Aggregates;
import ca.aiguillage.platform.outbox.Outcome;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The place-reservation protocol, whole: claim, reserve, give back, release, close,
 * override and recovery. A referral is claimed in its own document, then a place is
 * reserved in the therapist's document; the claim's proposal id fences both writes, so a
 * reservation is made only while its claim stands, and one whose claim was lost meanwhile
 * (closed, moved, given back) is undone. Every decision is taken on the fresh documents
 * through {@link Aggregates#update}, checks first and changes after, and every place
 * given back is announced as {@link PlaceFreed} so that it is offered again at once. Over
 * 300 lines on purpose: every write that touches a held place reads together here, where
 * places used to be lost.
 */
@Service
class PlaceReservations {

	private static final Logger log = LoggerFactory.getLogger(PlaceReservations.class);

	/** A claim this old without its reservation was left by a crash. */
	private static final Duration ABANDONED = Duration.ofMinutes(1);

	private final ProposalPolicy policy;

	private final DirectorySnapshot snapshot;

	private final Therapists therapists;

	private final MatchRequests requests;

	private final Organizations organizations;

	private final Aggregates aggregates;

	private final ApplicationEventPublisher publisher;

	private final Clock clock;

	PlaceReservations(ProposalPolicy policy, DirectorySnapshot snapshot, Therapists therapists, MatchRequests requests,
			Organizations organizations, Aggregates aggregates, ApplicationEventPublisher publisher, Clock clock) {
		this.policy = policy;
		this.snapshot = snapshot;
		this.therapists = therapists;
		this.requests = requests;
		this.organizations = organizations;
		this.aggregates = aggregates;
		this.publisher = publisher;
		this.clock = clock;
	}

	/**
	 * A referral claimed for one therapist's place; its proposal id is the fence.
	 *
	 * @param referralId the referral
	 * @param therapistId the therapist whose place is to be reserved
	 * @param proposalId the proposal the reservation will carry
	 */
	record Claim(String referralId, String therapistId, String proposalId) {
	}

	/** Claims a waiting referral for a therapist chosen before. */
	Optional<Claim> claimFor(String referralId, String therapistId) {
		return claim(referralId, request -> therapistId);
	}

	/**
	 * Claims a waiting referral for the therapist {@code chooser} picks on its fresh
	 * document; a chooser that finds none records why on the request and answers null.
	 */
	Optional<Claim> claim(String referralId, Function<MatchRequest, @Nullable String> chooser) {
		Instant now = this.clock.instant();
		return this.aggregates.update(MatchRequest.class, referralId, found -> {
			if (found.isEmpty() || !found.get().waiting()) {
				return Outcome.unchanged(Optional.empty());
			}
			MatchRequest request = found.get();
			String therapistId = chooser.apply(request);
			if (therapistId == null) {
				return Outcome.save(request, Optional.empty());
			}
			String proposalId = uuid(request.getId() + "|" + therapistId + "|" + request.getVersion());
			request.claim(therapistId, proposalId, now);
			return Outcome.save(request, Optional.of(new Claim(referralId, therapistId, proposalId)));
		});
	}

	/**
	 * Reserves the claimed place, checking the hard constraints again on the fresh
	 * therapist, then finishes the claim; a place the claim could not get gives the
	 * referral back to the pool.
	 * @return whether the place is now held under this claim
	 */
	boolean reserve(Claim claim) {
		Instant now = this.clock.instant();
		boolean reserved = this.aggregates.update(Therapist.class, claim.therapistId(), found -> {
			if (found.isEmpty()) {
				return Outcome.unchanged(false);
			}
			Therapist therapist = found.get();
			if (therapist.holds(claim.referralId())) {
				// This claim's place, or one the referral held here already: never a
				// second.
				return Outcome.unchanged(true);
			}
			MatchRequest request = this.requests.find(claim.referralId()).orElse(null);
			// Fenced: a claim closed, moved or given back meanwhile reserves nothing.
			if (request == null || !request.claimedFor(claim.proposalId())) {
				return Outcome.unchanged(false);
			}
			// Only this therapist's fresh document: the snapshot already found the home
			// organization without a place when this is a video-pool choice.
			Roster one = new Roster(List.of(DirectorySnapshot.candidate(therapist)), this.snapshot.roster().reach,
					this.snapshot.roster().usualOrganizations, this.snapshot.roster().videoPool);
			return switch (this.policy.propose(request.needs(), one, now)) {
				case ProposalPolicy.NoMatch noMatch -> Outcome.unchanged(false);
				case ProposalPolicy.Choice choice -> {
					ReferralNeeds needs = request.needs();
					therapist.reserve(new Therapist.Hold(claim.referralId(), claim.proposalId(), needs.lowFee(),
							needs.partnerId(), choice.modality(), choice.slot(), choice.explanation(),
							organizationName(therapist), needs.registeredAt(), needs.priority()), now);
					yield Outcome.save(therapist, true);
				}
			};
		});
		this.snapshot.refresh(claim.therapistId());
		if (!reserved) {
			giveBack(claim);
			return false;
		}
		return finish(claim);
	}

	/**
	 * Marks the claim's place reserved, if the claim still stands; else the reservation
	 * made under the lost claim is undone.
	 */
	private boolean finish(Claim claim) {
		Instant now = this.clock.instant();
		Optional<MatchRequest> lost = this.aggregates.update(MatchRequest.class, claim.referralId(), found -> {
			if (found.isEmpty() || !found.get().holdsUnder(claim.proposalId())) {
				return Outcome.unchanged(found);
			}
			if (!found.get().claimedFor(claim.proposalId())) {
				// Finished already, by recovery: the same claim, the same place.
				return Outcome.unchanged(Optional.empty());
			}
			found.get().reserved(now);
			return Outcome.save(found.get(), Optional.empty());
		});
		if (lost.isEmpty()) {
			log.info("Referral {} proposed to therapist {}", claim.referralId(), claim.therapistId());
			return true;
		}
		ReleaseReason cause = (lost.get().closeCause() != null) ? lost.get().closeCause() : ReleaseReason.OVERRIDDEN;
		releaseIf(claim.therapistId(), claim.referralId(), claim.proposalId(), cause);
		return false;
	}

	/** Returns a claim whose reservation failed, so that the referral waits again. */
	private void giveBack(Claim claim) {
		this.aggregates.updateIfPresent(MatchRequest.class, claim.referralId(), request -> {
			if (!request.claimedFor(claim.proposalId())) {
				return false;
			}
			request.unclaim(claim.proposalId());
			return true;
		});
	}

	/**
	 * Finishes or gives back the claims a crash left without their reservation; proposals
	 * waiting for an answer are not claims and are left alone.
	 * @return the referrals given back, to be placed again
	 */
	List<String> recoverAbandonedClaims() {
		List<String> givenBack = new ArrayList<>();
		for (MatchRequest request : this.requests.claimedBefore(this.clock.instant().minus(ABANDONED))) {
			if (request.therapistId() == null || request.proposalId() == null) {
				continue;
			}
			Claim claim = new Claim(request.getId(), request.therapistId(), request.proposalId());
			if (!reserve(claim)) {
				givenBack.add(request.getId());
			}
		}
		return givenBack;
	}

	/**
	 * Gives back the place a referral holds with a therapist, once per event.
	 * @throws MalformedEventException when the therapist is unknown
	 */
	void release(String eventId, String therapistId, String referralId, ReleaseReason cause) {
		Instant now = this.clock.instant();
		this.aggregates.applyOnce(Therapist.class, therapistId, eventId, PlaceReservations::noSuchTherapist,
				therapist -> therapist.release(referralId, cause, now));
		freed(therapistId);
	}

	/**
	 * The referral needs no place any more: it is closed first, so that no claim can
	 * start, then every place it holds goes back. A referral matching has not seen yet is
	 * closed before it arrives, when {@code park} allows.
	 * @throws MalformedEventException when the referral is unknown and may not be parked
	 */
	void close(String eventId, String referralId, ReleaseReason cause, boolean park) {
		this.aggregates.applyOnce(MatchRequest.class, referralId, eventId, () -> {
			if (!park) {
				throw unknownReferral();
			}
			return MatchRequest.parked(referralId);
		}, request -> request.close(cause));
		releaseEverywhere(eventId, referralId, null, cause);
	}

	/**
	 * Moves a referral's place to the therapist a coordinator chose: the chosen place is
	 * taken first and only then is any other place given back, so a choice that cannot be
	 * made keeps the current proposal.
	 * @return what became of the choice
	 * @throws MalformedEventException when the referral is unknown
	 */
	Override override(String eventId, String referralId, String therapistId, List<String> brokenConstraints) {
		MatchRequest request = this.requests.find(referralId).orElseThrow(PlaceReservations::unknownReferral);
		Therapist chosen = this.therapists.find(therapistId).orElse(null);
		RefusalReason refused = refusal(request, chosen);
		if (refused != null) {
			return refuse(eventId, request, therapistId, refused);
		}
		Instant now = this.clock.instant();
		String proposalId = uuid(referralId + "|" + eventId);
		ReferralNeeds needs = request.needs();
		this.aggregates.applyOnce(Therapist.class, therapistId, eventId, PlaceReservations::noSuchTherapist,
				therapist -> {
					if (!therapist.holds(referralId) && therapist.canTake(needs.lowFee())) {
						therapist.reserve(new Therapist.Hold(referralId, proposalId, needs.lowFee(), needs.partnerId(),
								modality(needs, therapist), slot(needs, therapist),
								overrideExplanation(brokenConstraints), organizationName(therapist),
								needs.registeredAt(), needs.priority()), now);
					}
				});
		this.snapshot.refresh(therapistId);
		String held = this.therapists.find(therapistId).map(therapist -> therapist.proposalOf(referralId)).orElse(null);
		if (held == null) {
			return refuse(eventId, request, therapistId, RefusalReason.NO_FREE_PLACE);
		}
		this.aggregates.applyOnce(MatchRequest.class, referralId, eventId, PlaceReservations::noSuchReferral, fresh -> {
			if (fresh.movable()) {
				fresh.overriddenTo(therapistId, held, now);
			}
		});
		boolean moved = this.requests.find(referralId)
			.filter(fresh -> fresh.status() == MatchRequest.Status.HELD && therapistId.equals(fresh.therapistId()))
			.isPresent();
		if (!moved) {
			// Closed meanwhile: the place just taken goes back too.
			releaseIf(therapistId, referralId, held, ReleaseReason.OVERRIDDEN);
			return Override.KEPT;
		}
		releaseEverywhere(eventId, referralId, therapistId, ReleaseReason.OVERRIDDEN);
		return Override.MOVED;
	}

	/**
	 * What became of a coordinator's choice.
	 */
	enum Override {

		/** The referral holds the chosen therapist's place, and no other. */
		MOVED,
		/** The current proposal stays, and is announced again. */
		KEPT,
		/** The referral held no place and still holds none: it is to be placed. */
		REFUSED_WITHOUT_PLACE

	}

	/** Why a coordinator's choice cannot be made before any place is touched, or null. */
	private static @Nullable RefusalReason refusal(MatchRequest request, @Nullable Therapist chosen) {
		if (!request.movable()) {
			return RefusalReason.REFERRAL_CLOSED;
		}
		if (chosen == null) {
			return RefusalReason.THERAPIST_UNKNOWN;
		}
		if (!chosen.active()) {
			return RefusalReason.THERAPIST_INACTIVE;
		}
		String organizationId = request.needs().organizationId();
		return (organizationId == null || organizationId.equals(chosen.organizationId())) ? null
				: RefusalReason.OTHER_ORGANIZATION;
	}

	private Override refuse(String eventId, MatchRequest request, String therapistId, RefusalReason reason) {
		log.warn("Coordinator's choice for referral {} not applied: {}", request.getId(), reason);
		OverrideRefusedV1 refusal = new OverrideRefusedV1(request.getId(), therapistId, reason, this.clock.instant());
		String holder = request.therapistId();
		if (request.status() != MatchRequest.Status.HELD || holder == null) {
			this.aggregates.applyOnce(MatchRequest.class, request.getId(), eventId, PlaceReservations::noSuchReferral,
					fresh -> fresh.overrideRefused(refusal));
			return Override.REFUSED_WITHOUT_PLACE;
		}
		// The queue moved the referral to the chosen therapist: it learns of the refusal,
		// then that the proposal stands, in that order (one outbox).
		this.aggregates.applyOnce(Therapist.class, holder, eventId, PlaceReservations::noSuchTherapist,
				therapist -> therapist.overrideRefused(refusal));
		return Override.KEPT;
	}

	/** Gives back every place the referral holds, except with {@code keep}. */
	private void releaseEverywhere(String eventId, String referralId, @Nullable String keep, ReleaseReason cause) {
		for (String therapistId : this.therapists.holding(referralId)) {
			if (!therapistId.equals(keep)) {
				release(eventId, therapistId, referralId, cause);
			}
		}
	}

	/** Gives back the place a lost claim reserved, if it is still that claim's. */
	private void releaseIf(String therapistId, String referralId, String proposalId, ReleaseReason cause) {
		Instant now = this.clock.instant();
		this.aggregates.updateIfPresent(Therapist.class, therapistId,
				therapist -> proposalId.equals(therapist.proposalOf(referralId))
						&& therapist.release(referralId, cause, now));
		freed(therapistId);
	}

	private void freed(String therapistId) {
		this.publisher.publishEvent(new PlaceFreed(therapistId));
	}

	private static ProposalMadeV1.Explanation overrideExplanation(List<String> brokenConstraints) {
		return new ProposalMadeV1.Explanation(List.of("COORDINATOR_OVERRIDE"), new LinkedHashMap<>(), 0.0,
				List.copyOf(brokenConstraints));
	}

	private static Modality modality(ReferralNeeds needs, Therapist therapist) {
		return switch (needs.modality()) {
			case VIDEO -> Modality.VIDEO;
			case IN_PERSON -> Modality.IN_PERSON;
			case EITHER -> therapist.modalities().get(0);
		};
	}

	private static WeeklySlot slot(ReferralNeeds needs, Therapist therapist) {
		int[] open = WeekMinutes.of(therapist.openAvailability());
		int start = WeekMinutes.firstCommonStart(WeekMinutes.of(needs.availability()), open,
				ProposalPolicy.SESSION_MINUTES);
		if (start < 0 && open.length > 0) {
			// The coordinator knows better: offer the therapist's first open hour.
			start = open[0];
		}
		return (start >= 0) ? WeekMinutes.slot(start, ProposalPolicy.SESSION_MINUTES) : needs.availability().get(0);
	}

	private @Nullable String organizationName(Therapist therapist) {
		return this.organizations.find(therapist.organizationId()).map(Organization::name).orElse(null);
	}

	private static String uuid(String seed) {
		return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
	}

	/** For an aggregate that must exist already: it never makes one. */
	static <T> T noSuchReferral() {
		throw unknownReferral();
	}

	static <T> T noSuchTherapist() {
		throw unknownTherapist();
	}

	static MalformedEventException unknownReferral() {
		return new MalformedEventException("referralId names no referral matching has seen");
	}

	static MalformedEventException unknownTherapist() {
		return new MalformedEventException("therapistId names no therapist of the directory");
	}

}
