package ca.aiguillage.platform.events;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import ca.aiguillage.platform.PlatformIntegrationTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.stream.binding.BindingService;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import static org.assertj.core.api.Assertions.assertThat;

@PlatformIntegrationTest
class KnownClusterIdIntegrationTests {

	@Autowired
	KnownClusterId clusterId;

	@Autowired
	BindingService bindings;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Test
	void everyListenerAndProducerOfTheServiceShareOneAdministratorThatKnewTheClusterIdBeforeAnyRecord()
			throws Exception {
		String asked;
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString()))) {
			asked = admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
		}

		assertThat(this.bindings.getConsumerBindingNames()).isNotEmpty();
		assertThat(this.clusterId.listeners()).isEqualTo(this.bindings.getConsumerBindingNames().length);
		// The topic bound at start, and any bound later as the relay first sends to it.
		assertThat(this.clusterId.producers()).isPositive().isEqualTo(this.bindings.getProducerBindingNames().length);
		assertThat(this.clusterId.clusterId()).isEqualTo(asked);
	}

}
