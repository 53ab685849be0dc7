package ca.aiguillage.contracts;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventFamilyTests {

	@Test
	void everyTopicsFamilyPermitsExactlyTheTypesTheCatalogPutsOnIt() {
		for (String topic : Set.of(Topics.REFERRALS_INBOUND, Topics.REFERRAL_EVENTS, Topics.MATCHING_EVENTS,
				Topics.WAITLIST_EVENTS, Topics.NOTIFICATION_EVENTS)) {
			Class<?> family = EventCatalog.familyOf(topic);
			Set<Class<?>> catalogued = EventCatalog.all()
				.stream()
				.filter(definition -> definition.topic().equals(topic))
				.map(EventDefinition::dataClass)
				.collect(Collectors.toSet());
			assertThat(family.isSealed()).as(family.getName()).isTrue();
			assertThat(Arrays.asList(family.getPermittedSubclasses())).as(topic)
				.containsExactlyInAnyOrderElementsOf(catalogued);
		}
	}

	@Test
	void everyEventOfTheCatalogBelongsToTheFamilyOfItsTopic() {
		for (EventDefinition<?> definition : EventCatalog.all()) {
			assertThat(EventCatalog.familyOf(definition.topic())).as(definition.type())
				.isAssignableFrom(definition.dataClass());
		}
	}

}
