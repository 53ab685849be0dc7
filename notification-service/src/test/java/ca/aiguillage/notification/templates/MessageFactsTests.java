package ca.aiguillage.notification.templates;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.EventDefinition;
import ca.aiguillage.platform.events.EventJson;
import ca.aiguillage.testing.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageFactsTests {

	private final EventJson json = new EventJson();

	@Test
	void everyEventFixtureGivesExactlyThePlaceholdersItsEventOffers() {
		for (EventDefinition<?> definition : EventCatalog.all()) {
			MessageFacts.offeredBy(definition.type()).ifPresent(offered -> {
				Map<String, String> facts = MessageFacts.of(fixture(definition));

				assertThat(facts.keySet()).as(definition.type())
					.isEqualTo(offered.stream()
						.filter(placeholder -> !MessageFacts.FROM_THE_CASE.contains(placeholder)
								&& !MessageFacts.FROM_WAITLIST.contains(placeholder))
						.map(Placeholder::token)
						.collect(Collectors.toSet()));
			});
		}
		assertThat(MessageFacts.offeredBy(EventCatalog.PROPOSAL_MADE_V1.type())).isPresent();
	}

	@Test
	void proposalFactsAreCodesForTheLanguageToPutIntoWords() {
		assertThat(MessageFacts.of(fixture(EventCatalog.PROPOSAL_MADE_V1))).containsOnly(
				Map.entry("organization", "Centre St-Pierre"), Map.entry("therapist", "Camille"),
				Map.entry("modality", "VIDEO"), Map.entry("weekday", "TUESDAY"), Map.entry("startTime", "09:00"),
				Map.entry("referral", "0b6f2c1e-7d0a-4c47-9a53-4f1f1f0c9a11"), Map.entry("answerDeadline", "NONE"),
				// The fixture's place is a network video place for a Spanish-speaking
				// client.
				Map.entry("videoPool", "es"));
	}

	@Test
	void eventNoMessageIsMadeOfOffersNoPlaceholder() {
		assertThat(MessageFacts.offeredBy(EventCatalog.NO_MATCH_FOUND_V1.type())).isEmpty();
	}

	private Object fixture(EventDefinition<?> definition) {
		String text = Fixtures
			.repositoryFile("event-contracts/src/test/resources/fixtures/" + definition.type() + ".json");
		return this.json.read(this.json.tree(text.getBytes(StandardCharsets.UTF_8)), definition.dataClass());
	}

}
