package ca.aiguillage.notification.delivery;

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

/**
 * What a message may say about each event that calls for one: codes and ISO-8601 times
 * taken from the event, put into words only once the recipient's language is known.
 */
final class MessageFacts {

	private static final Map<String, Extraction<?>> BY_TYPE = Stream
		.of(new Extraction<>(EventCatalog.REFERRAL_SUBMITTED_V1, EnumSet.of(Placeholder.RECEIVED_ON),
				submitted -> Map.of(Placeholder.RECEIVED_ON, submitted.submittedAt().toString())),
				new Extraction<>(EventCatalog.PROPOSAL_MADE_V1,
						EnumSet.of(Placeholder.ORGANIZATION, Placeholder.MODALITY, Placeholder.WEEKDAY,
								Placeholder.START_TIME),
						proposal -> Map.of(Placeholder.ORGANIZATION, proposal.organizationId(), Placeholder.MODALITY,
								proposal.modality().name(), Placeholder.WEEKDAY, proposal.slot().day().name(),
								Placeholder.START_TIME, proposal.slot().start().toString())),
				new Extraction<>(EventCatalog.WAITLISTED_V1, EnumSet.of(Placeholder.RECEIVED_ON),
						waitlisted -> Map.of(Placeholder.RECEIVED_ON, waitlisted.registeredAt().toString())))
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

	/**
	 * The facts of one event, by placeholder name.
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
