package ca.aiguillage.contracts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import ca.aiguillage.contracts.referral.ReferralRedirectedV1;
import ca.aiguillage.contracts.referral.ReferralWithdrawnV1;
import ca.aiguillage.contracts.referral.ReferralLinkedToOpenV1;
import ca.aiguillage.contracts.referral.InboundReferralRejectedV1;
import ca.aiguillage.contracts.matching.OverrideRefusedV1;
import ca.aiguillage.contracts.matching.PlaceReleasedV1;
import ca.aiguillage.contracts.matching.TherapistChangedV1;
import ca.aiguillage.contracts.waitlist.ProposalConfirmedV1;
import ca.aiguillage.contracts.waitlist.ProposalDeclinedV1;
import ca.aiguillage.contracts.waitlist.ProposalExpiredV1;
import ca.aiguillage.contracts.waitlist.ProposalOverriddenV1;
import ca.aiguillage.contracts.waitlist.TherapyStartedV1;
import ca.aiguillage.contracts.waitlist.TherapyEndedV1;
import ca.aiguillage.contracts.waitlist.RematchRequestedV1;
import ca.aiguillage.contracts.waitlist.ReferralLeftQueueV1;
import ca.aiguillage.contracts.waitlist.ReferralLeftQueueV2;
import ca.aiguillage.contracts.waitlist.ReprioritisedV1;
import ca.aiguillage.contracts.waitlist.ReferralTakenV1;
import ca.aiguillage.contracts.waitlist.FollowUpRecordedV1;
import ca.aiguillage.contracts.waitlist.CheckInDueV1;
import ca.aiguillage.contracts.waitlist.ReviewRequestedV1;
import ca.aiguillage.contracts.notification.DeliveryRecordedV1;
import ca.aiguillage.contracts.notification.ClientAnsweredV1;
import ca.aiguillage.contracts.notification.NotificationEvent;
import ca.aiguillage.contracts.matching.MatchingEvent;
import ca.aiguillage.contracts.matching.NoMatchFoundV1;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.referral.InboundEvent;
import ca.aiguillage.contracts.referral.InboundReferralV1;
import ca.aiguillage.contracts.referral.PossibleDuplicateFlaggedV1;
import ca.aiguillage.contracts.referral.PossibleDuplicateResolvedV1;
import ca.aiguillage.contracts.referral.ReferralEvent;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.contracts.waitlist.WaitlistEvent;
import ca.aiguillage.contracts.waitlist.WaitlistedV1;

/**
 * Every event type Aiguillage publishes or accepts, with its topic, record and schema. A
 * type that is not here is not part of the contract.
 */
public final class EventCatalog {

	/** A partner's referral on {@link Topics#REFERRALS_INBOUND}. */
	public static final EventDefinition<InboundReferralV1> INBOUND_REFERRAL_V1 = new EventDefinition<>(
			InboundReferralV1.TYPE, Topics.REFERRALS_INBOUND, InboundReferralV1.class,
			"schemas/inbound-referral.v1.json", InboundReferralV1::partnerReference);

	/** A referral accepted at intake. */
	public static final EventDefinition<ReferralSubmittedV1> REFERRAL_SUBMITTED_V1 = new EventDefinition<>(
			ReferralSubmittedV1.TYPE, Topics.REFERRAL_EVENTS, ReferralSubmittedV1.class,
			"schemas/referral-submitted.v1.json", ReferralSubmittedV1::referralId);

	/** A therapist proposed for a referral, a place reserved. */
	public static final EventDefinition<ProposalMadeV1> PROPOSAL_MADE_V1 = new EventDefinition<>(ProposalMadeV1.TYPE,
			Topics.MATCHING_EVENTS, ProposalMadeV1.class, "schemas/proposal-made.v1.json", ProposalMadeV1::referralId);

	/** No therapist fits the referral now. */
	public static final EventDefinition<NoMatchFoundV1> NO_MATCH_FOUND_V1 = new EventDefinition<>(NoMatchFoundV1.TYPE,
			Topics.MATCHING_EVENTS, NoMatchFoundV1.class, "schemas/no-match-found.v1.json", NoMatchFoundV1::referralId);

	/** A referral placed on the waitlist. */
	public static final EventDefinition<WaitlistedV1> WAITLISTED_V1 = new EventDefinition<>(WaitlistedV1.TYPE,
			Topics.WAITLIST_EVENTS, WaitlistedV1.class, "schemas/waitlisted.v1.json", WaitlistedV1::referralId);

	/**
	 * A referral screened at imminent risk was redirected to crisis resources (911,
	 * Info-Social 811, 9-8-8) instead of being queued.
	 */
	public static final EventDefinition<ReferralRedirectedV1> REFERRAL_REDIRECTED_V1 = new EventDefinition<>(
			ReferralRedirectedV1.TYPE, Topics.REFERRAL_EVENTS, ReferralRedirectedV1.class,
			"schemas/referral-redirected.v1.json", ReferralRedirectedV1::referralId);

	/**
	 * A referral was withdrawn by its referrer or by the client; every service closes it
	 * and a reserved place is released.
	 */
	public static final EventDefinition<ReferralWithdrawnV1> REFERRAL_WITHDRAWN_V1 = new EventDefinition<>(
			ReferralWithdrawnV1.TYPE, Topics.REFERRAL_EVENTS, ReferralWithdrawnV1.class,
			"schemas/referral-withdrawn.v1.json", ReferralWithdrawnV1::referralId);

	/**
	 * A referral for a person who already has an open referral was linked to it instead
	 * of being queued twice.
	 */
	public static final EventDefinition<ReferralLinkedToOpenV1> REFERRAL_LINKED_TO_OPEN_V1 = new EventDefinition<>(
			ReferralLinkedToOpenV1.TYPE, Topics.REFERRAL_EVENTS, ReferralLinkedToOpenV1.class,
			"schemas/referral-linked-to-open.v1.json", ReferralLinkedToOpenV1::referralId);

	/**
	 * A new referral may concern the same person as another open referral; a coordinator
	 * decides.
	 */
	public static final EventDefinition<PossibleDuplicateFlaggedV1> POSSIBLE_DUPLICATE_FLAGGED_V1 = new EventDefinition<>(
			PossibleDuplicateFlaggedV1.TYPE, Topics.REFERRAL_EVENTS, PossibleDuplicateFlaggedV1.class,
			"schemas/referral-possible-duplicate-flagged.v1.json", PossibleDuplicateFlaggedV1::referralId);

	/**
	 * A coordinator linked a possible duplicate to the other referral, or separated them.
	 */
	public static final EventDefinition<PossibleDuplicateResolvedV1> POSSIBLE_DUPLICATE_RESOLVED_V1 = new EventDefinition<>(
			PossibleDuplicateResolvedV1.TYPE, Topics.REFERRAL_EVENTS, PossibleDuplicateResolvedV1.class,
			"schemas/referral-possible-duplicate-resolved.v1.json", PossibleDuplicateResolvedV1::referralId);

	/**
	 * A partner's referral from the inbound topic failed validation; the partner learns
	 * which fields and rules failed, never the values.
	 */
	public static final EventDefinition<InboundReferralRejectedV1> INBOUND_REFERRAL_REJECTED_V1 = new EventDefinition<>(
			InboundReferralRejectedV1.TYPE, Topics.REFERRAL_EVENTS, InboundReferralRejectedV1.class,
			"schemas/inbound-rejected.v1.json", InboundReferralRejectedV1::partnerReference);

	/**
	 * A therapist's place held for a referral was given back, so waiting clients can be
	 * re-examined.
	 */
	public static final EventDefinition<PlaceReleasedV1> PLACE_RELEASED_V1 = new EventDefinition<>(PlaceReleasedV1.TYPE,
			Topics.MATCHING_EVENTS, PlaceReleasedV1.class, "schemas/place-released.v1.json",
			PlaceReleasedV1::referralId);

	/**
	 * A coordinator's choice of another therapist could not be applied; the referral
	 * keeps its proposal.
	 */
	public static final EventDefinition<OverrideRefusedV1> OVERRIDE_REFUSED_V1 = new EventDefinition<>(
			OverrideRefusedV1.TYPE, Topics.MATCHING_EVENTS, OverrideRefusedV1.class, "schemas/override-refused.v1.json",
			OverrideRefusedV1::referralId);

	/**
	 * A therapist's directory record changed (created, updated, places added or taken);
	 * keyed by therapist id.
	 */
	public static final EventDefinition<TherapistChangedV1> THERAPIST_CHANGED_V1 = new EventDefinition<>(
			TherapistChangedV1.TYPE, Topics.MATCHING_EVENTS, TherapistChangedV1.class,
			"schemas/therapist-changed.v1.json", TherapistChangedV1::therapistId);

	/** A proposal was accepted; the reserved place is now the client's. */
	public static final EventDefinition<ProposalConfirmedV1> PROPOSAL_CONFIRMED_V1 = new EventDefinition<>(
			ProposalConfirmedV1.TYPE, Topics.WAITLIST_EVENTS, ProposalConfirmedV1.class,
			"schemas/proposal-confirmed.v1.json", ProposalConfirmedV1::referralId);

	/**
	 * A proposal was declined; the client goes back to the queue and the place to
	 * re-matching.
	 */
	public static final EventDefinition<ProposalDeclinedV1> PROPOSAL_DECLINED_V1 = new EventDefinition<>(
			ProposalDeclinedV1.TYPE, Topics.WAITLIST_EVENTS, ProposalDeclinedV1.class,
			"schemas/proposal-declined.v1.json", ProposalDeclinedV1::referralId);

	/**
	 * A proposal went unanswered past its limit; the client goes back to matching and the
	 * place is released.
	 */
	public static final EventDefinition<ProposalExpiredV1> PROPOSAL_EXPIRED_V1 = new EventDefinition<>(
			ProposalExpiredV1.TYPE, Topics.WAITLIST_EVENTS, ProposalExpiredV1.class, "schemas/proposal-expired.v1.json",
			ProposalExpiredV1::referralId);

	/**
	 * A coordinator chose another therapist than the one proposed, knowing which
	 * constraints the choice breaks.
	 */
	public static final EventDefinition<ProposalOverriddenV1> PROPOSAL_OVERRIDDEN_V1 = new EventDefinition<>(
			ProposalOverriddenV1.TYPE, Topics.WAITLIST_EVENTS, ProposalOverriddenV1.class,
			"schemas/proposal-overridden.v1.json", ProposalOverriddenV1::referralId);

	/** The first session took place. */
	public static final EventDefinition<TherapyStartedV1> THERAPY_STARTED_V1 = new EventDefinition<>(
			TherapyStartedV1.TYPE, Topics.WAITLIST_EVENTS, TherapyStartedV1.class, "schemas/therapy-started.v1.json",
			TherapyStartedV1::referralId);

	/** The therapy ended; the therapist's place is free again. */
	public static final EventDefinition<TherapyEndedV1> THERAPY_ENDED_V1 = new EventDefinition<>(TherapyEndedV1.TYPE,
			Topics.WAITLIST_EVENTS, TherapyEndedV1.class, "schemas/therapy-ended.v1.json", TherapyEndedV1::referralId);

	/**
	 * A poor fit in the first sessions: the place is released and the client matched
	 * again, keeping the original registration date.
	 */
	public static final EventDefinition<RematchRequestedV1> REMATCH_REQUESTED_V1 = new EventDefinition<>(
			RematchRequestedV1.TYPE, Topics.WAITLIST_EVENTS, RematchRequestedV1.class,
			"schemas/rematch-requested.v1.json", RematchRequestedV1::referralId);

	/**
	 * A coordinator took a referral out of the queue (ineligible, redirected elsewhere,
	 * unreachable); a reserved place is released. No longer published (V2 replaced it),
	 * still read: topics keep the V1 events published before.
	 */
	public static final EventDefinition<ReferralLeftQueueV1> REFERRAL_LEFT_QUEUE_V1 = new EventDefinition<>(
			ReferralLeftQueueV1.TYPE, Topics.WAITLIST_EVENTS, ReferralLeftQueueV1.class, "schemas/left-queue.v1.json",
			ReferralLeftQueueV1::referralId);

	/**
	 * A referral left the queue: a coordinator took it out, or the client said they no
	 * longer need the service; says who closed it. A reserved place is released.
	 */
	public static final EventDefinition<ReferralLeftQueueV2> REFERRAL_LEFT_QUEUE_V2 = new EventDefinition<>(
			ReferralLeftQueueV2.TYPE, Topics.WAITLIST_EVENTS, ReferralLeftQueueV2.class, "schemas/left-queue.v2.json",
			ReferralLeftQueueV2::referralId);

	/** A coordinator changed a referral's priority. */
	public static final EventDefinition<ReprioritisedV1> REPRIORITISED_V1 = new EventDefinition<>(ReprioritisedV1.TYPE,
			Topics.WAITLIST_EVENTS, ReprioritisedV1.class, "schemas/reprioritised.v1.json",
			ReprioritisedV1::referralId);

	/**
	 * A waiting client is due a check-in: do they still need the service, and did things
	 * get worse?.
	 */
	public static final EventDefinition<CheckInDueV1> CHECK_IN_DUE_V1 = new EventDefinition<>(CheckInDueV1.TYPE,
			Topics.WAITLIST_EVENTS, CheckInDueV1.class, "schemas/check-in-due.v1.json", CheckInDueV1::referralId);

	/** A coordinator is asked to look at a referral. */
	public static final EventDefinition<ReviewRequestedV1> REVIEW_REQUESTED_V1 = new EventDefinition<>(
			ReviewRequestedV1.TYPE, Topics.WAITLIST_EVENTS, ReviewRequestedV1.class, "schemas/review-requested.v1.json",
			ReviewRequestedV1::referralId);

	/**
	 * A coordinator took a referral no organization held yet from the network queue; it
	 * now belongs to their organization.
	 */
	public static final EventDefinition<ReferralTakenV1> REFERRAL_TAKEN_V1 = new EventDefinition<>(ReferralTakenV1.TYPE,
			Topics.WAITLIST_EVENTS, ReferralTakenV1.class, "schemas/referral-taken.v1.json",
			ReferralTakenV1::referralId);

	/**
	 * A coordinator recorded the follow-up of a referral redirected to crisis resources
	 * at intake.
	 */
	public static final EventDefinition<FollowUpRecordedV1> FOLLOW_UP_RECORDED_V1 = new EventDefinition<>(
			FollowUpRecordedV1.TYPE, Topics.WAITLIST_EVENTS, FollowUpRecordedV1.class,
			"schemas/follow-up-recorded.v1.json", FollowUpRecordedV1::referralId);

	/** A message was delivered, or finally failed after its last attempt. */
	public static final EventDefinition<DeliveryRecordedV1> DELIVERY_RECORDED_V1 = new EventDefinition<>(
			DeliveryRecordedV1.TYPE, Topics.NOTIFICATION_EVENTS, DeliveryRecordedV1.class,
			"schemas/delivery-recorded.v1.json", DeliveryRecordedV1::referralId);

	/**
	 * A client answered a proposal or a check-in through a signed link or an SMS reply;
	 * waitlist-service turns it into its own decision.
	 */
	public static final EventDefinition<ClientAnsweredV1> CLIENT_ANSWERED_V1 = new EventDefinition<>(
			ClientAnsweredV1.TYPE, Topics.NOTIFICATION_EVENTS, ClientAnsweredV1.class,
			"schemas/client-answered.v1.json", ClientAnsweredV1::referralId);

	private static final List<EventDefinition<?>> ALL = List.of(INBOUND_REFERRAL_V1, REFERRAL_SUBMITTED_V1,
			PROPOSAL_MADE_V1, NO_MATCH_FOUND_V1, WAITLISTED_V1, REFERRAL_REDIRECTED_V1, REFERRAL_WITHDRAWN_V1,
			REFERRAL_LINKED_TO_OPEN_V1, INBOUND_REFERRAL_REJECTED_V1, PLACE_RELEASED_V1, THERAPIST_CHANGED_V1,
			OVERRIDE_REFUSED_V1, PROPOSAL_CONFIRMED_V1, PROPOSAL_DECLINED_V1, PROPOSAL_EXPIRED_V1,
			PROPOSAL_OVERRIDDEN_V1, THERAPY_STARTED_V1, THERAPY_ENDED_V1, REMATCH_REQUESTED_V1, REFERRAL_LEFT_QUEUE_V1,
			REFERRAL_LEFT_QUEUE_V2, REPRIORITISED_V1, CHECK_IN_DUE_V1, REVIEW_REQUESTED_V1, REFERRAL_TAKEN_V1,
			FOLLOW_UP_RECORDED_V1, DELIVERY_RECORDED_V1, CLIENT_ANSWERED_V1, POSSIBLE_DUPLICATE_FLAGGED_V1,
			POSSIBLE_DUPLICATE_RESOLVED_V1);

	private static final Map<String, EventDefinition<?>> BY_TYPE = ALL.stream()
		.collect(Collectors.toUnmodifiableMap(EventDefinition::type, Function.identity()));

	private static final Map<Class<?>, EventDefinition<?>> BY_CLASS = ALL.stream()
		.collect(Collectors.toUnmodifiableMap(EventDefinition::dataClass, Function.identity()));

	private static final Map<String, Class<?>> FAMILIES = Map.of(Topics.REFERRALS_INBOUND, InboundEvent.class,
			Topics.REFERRAL_EVENTS, ReferralEvent.class, Topics.MATCHING_EVENTS, MatchingEvent.class,
			Topics.WAITLIST_EVENTS, WaitlistEvent.class, Topics.NOTIFICATION_EVENTS, NotificationEvent.class);

	private EventCatalog() {
	}

	/**
	 * All event definitions.
	 * @return every type of the contract
	 */
	public static List<EventDefinition<?>> all() {
		return ALL;
	}

	/**
	 * The definition of a CloudEvents type.
	 * @param type the CloudEvents type
	 * @return its definition, or empty when the type is not part of the contract
	 */
	public static Optional<EventDefinition<?>> byType(String type) {
		return Optional.ofNullable(BY_TYPE.get(type));
	}

	/**
	 * The sealed interface that every event of a topic implements.
	 * @param topic a topic of {@link Topics}
	 * @return the topic's event family
	 * @throws IllegalArgumentException when the topic is not part of the contract
	 */
	public static Class<?> familyOf(String topic) {
		Class<?> family = Topics.partnerOfInbound(topic).isPresent() ? InboundEvent.class : FAMILIES.get(topic);
		if (family == null) {
			throw new IllegalArgumentException("Not a topic of the contract: " + topic);
		}
		return family;
	}

	/**
	 * The definition of an event record.
	 * @param data an event record
	 * @return its definition
	 * @throws IllegalArgumentException when the record is not an event of the contract
	 */
	public static EventDefinition<?> of(Object data) {
		EventDefinition<?> definition = BY_CLASS.get(data.getClass());
		if (definition == null) {
			throw new IllegalArgumentException("Not an event of the contract: " + data.getClass().getName());
		}
		return definition;
	}

}
