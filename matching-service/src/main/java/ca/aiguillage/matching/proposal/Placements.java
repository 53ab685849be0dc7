package ca.aiguillage.matching.proposal;

import java.time.Instant;
import java.util.List;

import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.matching.PlaceReleasedV1.ReleaseReason;
import ca.aiguillage.matching.directory.Therapist;
import ca.aiguillage.matching.directory.Therapists;
import ca.aiguillage.platform.outbox.Aggregates;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * What the waitlist's and referral-service's decisions do to a referral's place:
 * confirmed, given back (declined, expired, re-match), closed (therapy ended, withdrawn,
 * left the queue) or moved by a coordinator. Each is applied once per event. A closing or
 * re-prioritising event that overtook the referral's submission is parked on the referral
 * and applied when it arrives; an event that can only follow a proposal and names a
 * referral or therapist matching does not know can never succeed: it goes to the
 * dead-letter topic.
 */
@Service
class Placements {

	private final Therapists therapists;

	private final MatchRequests requests;

	private final Matcher matcher;

	private final PlaceReservations reservations;

	private final Aggregates aggregates;

	Placements(Therapists therapists, MatchRequests requests, Matcher matcher, PlaceReservations reservations,
			Aggregates aggregates) {
		this.therapists = therapists;
		this.requests = requests;
		this.matcher = matcher;
		this.reservations = reservations;
		this.aggregates = aggregates;
	}

	/**
	 * Gives back the place a referral holds and lets it wait again.
	 * @param excludeTherapist whether this therapist must not be proposed to the client
	 * again
	 * @param registeredAt the original registration date to keep, or null to keep the
	 * current one
	 */
	void releaseAndWait(String eventId, String referralId, String therapistId, ReleaseReason cause,
			boolean excludeTherapist, @Nullable Instant registeredAt) {
		known(referralId);
		knownTherapist(therapistId);
		this.reservations.release(eventId, therapistId, referralId, cause);
		this.aggregates.applyOnce(MatchRequest.class, referralId, eventId, PlaceReservations::noSuchReferral,
				request -> request.releasedBack(therapistId, excludeTherapist, registeredAt));
		this.matcher.place(referralId);
	}

	/**
	 * The referral needs no place any more (withdrawn, left the queue): closed, even
	 * before its submission arrives, and every place it holds goes to another.
	 */
	void close(String eventId, String referralId, ReleaseReason cause) {
		this.reservations.close(eventId, referralId, cause, true);
	}

	/** The therapy ended: the place goes to another. */
	void therapyEnded(String eventId, String referralId, String therapistId) {
		known(referralId);
		knownTherapist(therapistId);
		this.reservations.close(eventId, referralId, ReleaseReason.THERAPY_ENDED, false);
	}

	/**
	 * A coordinator re-prioritised a referral: the waiting pool scores it anew, from its
	 * submission on when it has not arrived yet.
	 */
	void reprioritise(String eventId, String referralId, Priority priority) {
		this.aggregates.applyOnce(MatchRequest.class, referralId, eventId, () -> MatchRequest.parked(referralId),
				request -> request.reprioritised(priority));
	}

	/**
	 * The client said in a check-in that they still need the service: a place freed from
	 * now on prefers them, without moving any place held now.
	 */
	void availableConfirmed(String eventId, String referralId, Instant answeredAt) {
		this.aggregates.applyOnce(MatchRequest.class, referralId, eventId, () -> MatchRequest.parked(referralId),
				request -> request.availableConfirmed(answeredAt));
	}

	/**
	 * An organization took a network referral: it waits for that organization's places
	 * only, and one that is free now is proposed at once.
	 */
	void take(String eventId, String referralId, String organizationId) {
		this.aggregates.applyOnce(MatchRequest.class, referralId, eventId, () -> MatchRequest.parked(referralId),
				request -> request.takenBy(organizationId));
		this.matcher.place(referralId);
	}

	/** The client accepted: the place becomes theirs. */
	void confirm(String eventId, String referralId, String therapistId) {
		known(referralId);
		knownTherapist(therapistId);
		this.aggregates.applyOnce(Therapist.class, therapistId, eventId, PlaceReservations::noSuchTherapist,
				therapist -> therapist.confirm(referralId));
		this.aggregates.applyOnce(MatchRequest.class, referralId, eventId, PlaceReservations::noSuchReferral,
				MatchRequest::confirmed);
	}

	/**
	 * A coordinator chose another therapist: the place moves there, or, when it cannot,
	 * the current proposal stays (a referral without one is placed as usual).
	 */
	void override(String eventId, String referralId, String therapistId, List<String> brokenConstraints) {
		if (this.reservations.override(eventId, referralId, therapistId,
				brokenConstraints) == PlaceReservations.Override.REFUSED_WITHOUT_PLACE) {
			this.matcher.place(referralId);
		}
	}

	private void known(String referralId) {
		this.requests.find(referralId).orElseThrow(PlaceReservations::unknownReferral);
	}

	private void knownTherapist(String therapistId) {
		this.therapists.find(therapistId).orElseThrow(PlaceReservations::unknownTherapist);
	}

}
