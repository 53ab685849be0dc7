package ca.aiguillage.matching.proposal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.matching.PlaceReleasedV1.ReleaseReason;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.matching.directory.Therapist;
import ca.aiguillage.matching.directory.Therapists;
import ca.aiguillage.matching.network.Organization;
import ca.aiguillage.matching.network.Organizations;
import ca.aiguillage.platform.events.MalformedEventException;
import ca.aiguillage.platform.outbox.Aggregates;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * What happens to a held place after the proposal: confirmed, given back (declined,
 * expired, therapy ended, withdrawn, re-match), or moved by a coordinator. Each change is
 * applied once per event to the therapist's document, then to the referral's; a freed
 * place goes at once to the waiting referral that fits it best. An event naming a
 * therapist or referral matching does not know can never succeed: it goes to the
 * dead-letter topic.
 */
@Service
class Placements {

	private final Therapists therapists;

	private final MatchRequests requests;

	private final Matcher matcher;

	private final DirectorySnapshot snapshot;

	private final Organizations organizations;

	private final Aggregates aggregates;

	private final Clock clock;

	Placements(Therapists therapists, MatchRequests requests, Matcher matcher, DirectorySnapshot snapshot,
			Organizations organizations, Aggregates aggregates, Clock clock) {
		this.therapists = therapists;
		this.requests = requests;
		this.matcher = matcher;
		this.snapshot = snapshot;
		this.organizations = organizations;
		this.aggregates = aggregates;
		this.clock = clock;
	}

	/**
	 * Gives back the place a referral holds and lets it wait again.
	 * @param eventId the event's id
	 * @param referralId the referral
	 * @param therapistId the therapist named by the event
	 * @param cause why
	 * @param excludeTherapist whether this therapist must not be proposed to the client
	 * again
	 * @param registeredAt the original registration date to keep, or null to keep the
	 * current one
	 */
	void releaseAndWait(String eventId, String referralId, String therapistId, ReleaseReason cause,
			boolean excludeTherapist, @Nullable Instant registeredAt) {
		known(referralId);
		knownTherapist(therapistId);
		releaseOn(eventId, therapistId, referralId, cause);
		this.aggregates.applyOnce(MatchRequest.class, referralId, eventId, () -> {
			throw unknownReferral();
		}, request -> request.releasedBack(therapistId, excludeTherapist, registeredAt));
		this.matcher.refill(therapistId);
		this.matcher.place(referralId);
	}

	/**
	 * The referral needs no place any more: the place it holds, if any, goes to another.
	 * @param therapistId the therapist named by the event, or null for whoever holds it
	 */
	void releaseAndClose(String eventId, String referralId, @Nullable String therapistId, ReleaseReason cause) {
		MatchRequest request = known(referralId);
		String holder = (therapistId != null) ? therapistId : request.therapistId();
		if (holder != null) {
			knownTherapist(holder);
			releaseOn(eventId, holder, referralId, cause);
		}
		this.aggregates.applyOnce(MatchRequest.class, referralId, eventId, () -> {
			throw unknownReferral();
		}, MatchRequest::close);
		if (holder != null) {
			this.matcher.refill(holder);
		}
	}

	/** The client accepted: the place becomes theirs. */
	/** A coordinator re-prioritised a referral: the waiting pool scores it anew. */
	void reprioritise(String eventId, String referralId, Priority priority) {
		known(referralId);
		this.aggregates.applyOnce(MatchRequest.class, referralId, eventId, () -> {
			throw unknownReferral();
		}, request -> request.reprioritised(priority));
	}

	void confirm(String eventId, String referralId, String therapistId) {
		known(referralId);
		knownTherapist(therapistId);
		this.aggregates.applyOnce(Therapist.class, therapistId, eventId, () -> {
			throw unknownTherapist();
		}, therapist -> therapist.confirm(referralId));
		this.aggregates.applyOnce(MatchRequest.class, referralId, eventId, () -> {
			throw unknownReferral();
		}, MatchRequest::confirmed);
	}

	/**
	 * A coordinator chose another therapist: the old place is given back and one is
	 * reserved with the chosen therapist, whose explanation lists the constraints broken.
	 */
	void override(String eventId, String referralId, String therapistId, List<String> brokenConstraints) {
		MatchRequest request = known(referralId);
		Therapist chosen = knownTherapist(therapistId);
		String previous = request.therapistId();
		if (previous != null && !previous.equals(therapistId)) {
			knownTherapist(previous);
			releaseOn(eventId, previous, referralId, ReleaseReason.OVERRIDDEN);
		}
		if (!chosen.holds(referralId) && !chosen.canTake(request.needs().lowFee())) {
			throw new MalformedEventException("the chosen therapist has no free place of the kind the referral needs");
		}
		String proposalId = java.util.UUID
			.nameUUIDFromBytes((referralId + "|" + eventId).getBytes(java.nio.charset.StandardCharsets.UTF_8))
			.toString();
		Instant now = this.clock.instant();
		this.aggregates.applyOnce(Therapist.class, therapistId, eventId, () -> {
			throw unknownTherapist();
		}, therapist -> {
			if (therapist.canTake(request.needs().lowFee())) {
				therapist.reserve(new Therapist.Hold(referralId, proposalId, request.needs().lowFee(),
						request.needs().partnerId(), modality(request, therapist), slot(request, therapist),
						overrideExplanation(brokenConstraints), organizationName(therapist)), now);
			}
		});
		this.snapshot.refresh(therapistId);
		this.aggregates.applyOnce(MatchRequest.class, referralId, eventId, () -> {
			throw unknownReferral();
		}, r -> r.overriddenTo(therapistId, proposalId, now));
		if (previous != null && !previous.equals(therapistId)) {
			this.matcher.refill(previous);
		}
	}

	private void releaseOn(String eventId, String therapistId, String referralId, ReleaseReason cause) {
		Instant now = this.clock.instant();
		this.aggregates.applyOnce(Therapist.class, therapistId, eventId, () -> {
			throw unknownTherapist();
		}, therapist -> therapist.release(referralId, cause, now));
		this.snapshot.refresh(therapistId);
	}

	private static ProposalMadeV1.Explanation overrideExplanation(List<String> brokenConstraints) {
		// The contract has no field for broken constraints: they are listed as NOT_MET.
		List<String> codes = new ArrayList<>(List.of("COORDINATOR_OVERRIDE"));
		brokenConstraints.forEach(code -> codes.add("NOT_MET:" + code));
		Map<String, Double> parts = new LinkedHashMap<>();
		return new ProposalMadeV1.Explanation(codes, parts, 0.0);
	}

	private static ca.aiguillage.contracts.common.Modality modality(MatchRequest request, Therapist therapist) {
		return switch (request.needs().modality()) {
			case VIDEO -> ca.aiguillage.contracts.common.Modality.VIDEO;
			case IN_PERSON -> ca.aiguillage.contracts.common.Modality.IN_PERSON;
			case EITHER -> therapist.modalities().get(0);
		};
	}

	private static WeeklySlot slot(MatchRequest request, Therapist therapist) {
		int[] open = WeekMinutes.of(therapist.openAvailability());
		int start = WeekMinutes.firstCommonStart(WeekMinutes.of(request.needs().availability()), open,
				ProposalPolicy.SESSION_MINUTES);
		if (start < 0 && open.length > 0) {
			// The coordinator knows better: offer the therapist's first open hour.
			start = open[0];
		}
		return (start >= 0) ? WeekMinutes.slot(start, ProposalPolicy.SESSION_MINUTES)
				: request.needs().availability().get(0);
	}

	private @Nullable String organizationName(Therapist therapist) {
		return this.organizations.find(therapist.organizationId()).map(Organization::name).orElse(null);
	}

	private MatchRequest known(String referralId) {
		return this.requests.find(referralId).orElseThrow(() -> unknownReferral());
	}

	private Therapist knownTherapist(String therapistId) {
		return this.therapists.find(therapistId).orElseThrow(() -> unknownTherapist());
	}

	private static MalformedEventException unknownReferral() {
		return new MalformedEventException("referralId names no referral matching has seen");
	}

	private static MalformedEventException unknownTherapist() {
		return new MalformedEventException("therapistId names no therapist of the directory");
	}

}
