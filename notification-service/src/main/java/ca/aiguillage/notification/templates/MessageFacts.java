package ca.aiguillage.notification.templates;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.EventDefinition;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.notification.contacts.PredictedStart;

/**
 * What a message may say about each event that calls for one: codes and ISO-8601 times
 * taken from the event, put into words only once the recipient's language is known. A few
 * facts come from the case rather than the event ({@link #FROM_THE_CASE}): the fee the
 * client learnt at intake, the link that answers a question and the link that confirms a
 * self-referred client's address or number. The predicted start comes from
 * waitlist-service ({@link #FROM_WAITLIST}) when the event arrives, and so does a
 * proposal's answer window, which gives its deadline ({@link #answerDeadline}).
 */
public final class MessageFacts {

	/** Facts the notification case adds when it records a message. */
	static final Set<Placeholder> FROM_THE_CASE = EnumSet.of(Placeholder.FEE, Placeholder.ANSWER_LINK,
			Placeholder.CONFIRM_LINK);

	/** The video-pool fact of a proposal of the client's own organization. */
	public static final String NOT_VIDEO_POOL = "NONE";

	/** The deadline fact when waitlist-service could not tell the answer window. */
	public static final String NO_DEADLINE = "NONE";

	/** Facts asked of waitlist-service when the event arrives. */
	static final Set<Placeholder> FROM_WAITLIST = EnumSet.of(Placeholder.LIKELY_START, Placeholder.LIKELY_RANGE);

	private static final Map<String, Extraction<?>> BY_TYPE = Stream.of(
			new Extraction<>(EventCatalog.REFERRAL_SUBMITTED_V1,
					EnumSet.of(Placeholder.RECEIVED_ON, Placeholder.REFERRAL, Placeholder.CONFIRM_LINK),
					submitted -> Map.of(Placeholder.RECEIVED_ON, submitted.submittedAt().toString(),
							Placeholder.REFERRAL, submitted.referralId())),
			new Extraction<>(EventCatalog.PROPOSAL_MADE_V1,
					EnumSet.of(Placeholder.ORGANIZATION, Placeholder.THERAPIST, Placeholder.MODALITY,
							Placeholder.WEEKDAY, Placeholder.START_TIME, Placeholder.REFERRAL, Placeholder.FEE,
							Placeholder.ANSWER_LINK, Placeholder.ANSWER_DEADLINE, Placeholder.VIDEO_POOL),
					MessageFacts::proposal),
			new Extraction<>(EventCatalog.WAITLISTED_V1,
					EnumSet.of(Placeholder.RECEIVED_ON, Placeholder.REFERRAL, Placeholder.LIKELY_START,
							Placeholder.LIKELY_RANGE),
					waitlisted -> Map.of(Placeholder.RECEIVED_ON, waitlisted.registeredAt().toString(),
							Placeholder.REFERRAL, waitlisted.referralId())),
			referralOnly(EventCatalog.REFERRAL_REDIRECTED_V1), referralOnly(EventCatalog.REFERRAL_WITHDRAWN_V1),
			referralOnly(EventCatalog.REFERRAL_LINKED_TO_OPEN_V1),
			new Extraction<>(EventCatalog.INBOUND_REFERRAL_REJECTED_V1, EnumSet.of(Placeholder.REFERRAL),
					rejected -> Map.of(Placeholder.REFERRAL, rejected.partnerReference())),
			referralOnly(EventCatalog.PROPOSAL_CONFIRMED_V1), referralOnly(EventCatalog.PROPOSAL_EXPIRED_V1),
			referralOnly(EventCatalog.THERAPY_STARTED_V1), referralOnly(EventCatalog.THERAPY_ENDED_V1),
			// Both versions say why: a V1 outcome keeps its name in V2.
			new Extraction<>(EventCatalog.REFERRAL_LEFT_QUEUE_V1, EnumSet.of(Placeholder.REFERRAL, Placeholder.OUTCOME),
					left -> Map.of(Placeholder.REFERRAL, left.referralId(), Placeholder.OUTCOME,
							left.outcome().name())),
			new Extraction<>(EventCatalog.REFERRAL_LEFT_QUEUE_V2, EnumSet.of(Placeholder.REFERRAL, Placeholder.OUTCOME),
					left -> Map.of(Placeholder.REFERRAL, left.referralId(), Placeholder.OUTCOME,
							left.outcome().name())),
			new Extraction<>(EventCatalog.CHECK_IN_DUE_V1,
					EnumSet.of(Placeholder.ANSWER_BY, Placeholder.REFERRAL, Placeholder.ANSWER_LINK,
							Placeholder.LIKELY_START, Placeholder.LIKELY_RANGE),
					checkIn -> Map.of(Placeholder.ANSWER_BY, checkIn.answerBy().toString(), Placeholder.REFERRAL,
							checkIn.referralId())),
			new Extraction<>(EventCatalog.REVIEW_REQUESTED_V1, EnumSet.of(Placeholder.CAUSE, Placeholder.REFERRAL),
					review -> Map.of(Placeholder.CAUSE, review.cause().name(), Placeholder.REFERRAL,
							review.referralId())))
		.collect(Collectors.toUnmodifiableMap(extraction -> extraction.definition().type(), Function.identity()));

	private MessageFacts() {
	}

	/**
	 * The placeholders a template may use for an event type.
	 * @return empty when no message can be made of that type
	 */
	static Optional<Set<Placeholder>> offeredBy(String eventType) {
		return Optional.ofNullable(BY_TYPE.get(eventType)).map(Extraction::offered);
	}

	/** Whether an event's messages may tell when therapy is likely to start. */
	public static boolean offersLikelyStart(String eventType) {
		return offeredBy(eventType).filter(offered -> offered.containsAll(FROM_WAITLIST)).isPresent();
	}

	/** The predicted start facts, saying there is no estimate when there is none. */
	public static Map<String, String> likelyStart(Optional<PredictedStart> predicted) {
		String fact = StartForecast.factOf(predicted);
		return Map.of(Placeholder.LIKELY_START.token(), fact, Placeholder.LIKELY_RANGE.token(), fact);
	}

	/**
	 * The proposal's deadline, from the answer window waitlist-service enforces, saying
	 * "as soon as possible" when it is unknown.
	 */
	public static Map<String, String> answerDeadline(Optional<Instant> answerBy) {
		return Map.of(Placeholder.ANSWER_DEADLINE.token(), answerBy.map(Instant::toString).orElse(NO_DEADLINE));
	}

	/**
	 * The facts of one event, by placeholder name; those {@link #FROM_THE_CASE} and
	 * {@link #FROM_WAITLIST} are not among them, and a proposal's deadline is "as soon as
	 * possible" until {@link #answerDeadline} replaces it.
	 * @throws IllegalArgumentException when no message can be made of the event's type
	 */
	static Map<String, String> of(Object data) {
		String type = EventCatalog.of(data).type();
		Extraction<?> extraction = BY_TYPE.get(type);
		if (extraction == null) {
			throw new IllegalArgumentException("No message can be made of " + type);
		}
		return extraction.facts(data);
	}

	private static Map<Placeholder, String> proposal(ProposalMadeV1 proposal) {
		Map<Placeholder, String> facts = new LinkedHashMap<>();
		facts.put(Placeholder.ORGANIZATION,
				(proposal.organizationName() != null) ? proposal.organizationName() : proposal.organizationId());
		facts.put(Placeholder.THERAPIST, (proposal.therapistFirstName() != null) ? proposal.therapistFirstName() : "");
		facts.put(Placeholder.MODALITY, proposal.modality().name());
		facts.put(Placeholder.WEEKDAY, proposal.slot().day().name());
		facts.put(Placeholder.START_TIME, proposal.slot().start().toString());
		facts.put(Placeholder.REFERRAL, proposal.referralId());
		// A network-wide video place says why it is with another organization.
		String pool = (proposal.explanation().videoPool() != null) ? proposal.explanation().videoPool().language()
				: NOT_VIDEO_POOL;
		facts.put(Placeholder.VIDEO_POOL, pool);
		// Replaced by the deadline once waitlist-service tells the answer window.
		facts.put(Placeholder.ANSWER_DEADLINE, NO_DEADLINE);
		return facts;
	}

	private static <T> Extraction<T> referralOnly(EventDefinition<T> definition) {
		return new Extraction<>(definition, EnumSet.of(Placeholder.REFERRAL),
				event -> Map.of(Placeholder.REFERRAL, definition.subjectOf(event)));
	}

	private record Extraction<T>(EventDefinition<T> definition, Set<Placeholder> offered,
			Function<T, Map<Placeholder, String>> extract) {

		Map<String, String> facts(Object data) {
			Map<Placeholder, String> facts = this.extract.apply(this.definition.dataClass().cast(data));
			Map<String, String> byToken = new LinkedHashMap<>();
			facts.forEach((placeholder, fact) -> byToken.put(placeholder.token(), fact));
			return byToken;
		}

	}

}
