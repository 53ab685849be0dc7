package ca.aiguillage.contracts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import ca.aiguillage.contracts.matching.NoMatchFoundV1;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.referral.InboundReferralV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
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

	private static final List<EventDefinition<?>> ALL = List.of(INBOUND_REFERRAL_V1, REFERRAL_SUBMITTED_V1,
			PROPOSAL_MADE_V1, NO_MATCH_FOUND_V1, WAITLISTED_V1);

	private static final Map<String, EventDefinition<?>> BY_TYPE = ALL.stream()
		.collect(Collectors.toUnmodifiableMap(EventDefinition::type, Function.identity()));

	private static final Map<Class<?>, EventDefinition<?>> BY_CLASS = ALL.stream()
		.collect(Collectors.toUnmodifiableMap(EventDefinition::dataClass, Function.identity()));

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
