package ca.aiguillage.localstack;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each instance of a service has static member ids of its own, and an id tells which
 * instance it is.
 */
class StaticMembershipTests {

	@Test
	void theFirstInstanceKeepsTheServicesOwnIds() {
		assertThat(memberId(new StaticMembership("matching-service")))
			.isEqualTo(memberId(new StaticMembership("matching-service", 1)))
			.isEqualTo("matching-service.referralEvent-in-0.referral.events");
	}

	@Test
	void aSecondInstanceHasIdsOfItsOwn() {
		assertThat(memberId(new StaticMembership("matching-service", 2)))
			.isEqualTo("matching-service-2.referralEvent-in-0.referral.events");
	}

	@Test
	void anIdTellsWhichInstanceItIs() {
		assertThat(StaticMembership.instanceOf("matching-service.referralEvent-in-0.referral.events")).isEqualTo(1);
		assertThat(StaticMembership.instanceOf("matching-service-2.referralEvent-in-0.referral.events")).isEqualTo(2);
		assertThat(StaticMembership.instanceOf("fhir-gateway.referralEvent-in-0.referral.events")).isEqualTo(1);
	}

	private static Object memberId(StaticMembership membership) {
		Map<String, Object> properties = new HashMap<>();
		membership.configure(properties, "referralEvent-in-0", "referral.events");
		return properties.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
	}

}
