package ca.aiguillage.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import ca.aiguillage.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KafkaBrokerRetentionTests {

	private static final String SEVEN_DAYS = "604800000";

	@TempDir
	Path data;

	@Test
	void topicsThatMayHoldPersonalDataKeepSevenDaysAndEventTopicsKeepEverything() throws Exception {
		try (KafkaBroker broker = KafkaBroker.start(this.data.resolve("kafka"), FreePorts.next(), FreePorts.next());
				Admin admin = Admin.create(broker.clientSettings(KafkaPrincipals.ADMIN))) {
			// A dead-letter topic is created by the binder on its first dead letter.
			admin
				.createTopics(
						List.of(new NewTopic("error.referrals.inbound.clsc-ahuntsic.referral-service", 1, (short) 1)))
				.all()
				.get();

			// The broker's metadata follows the controller's a moment later.
			await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
				assertThat(retention(admin, Topics.inboundOf("clsc-ahuntsic"))).isEqualTo(SEVEN_DAYS);
				assertThat(retention(admin, "error.referrals.inbound.clsc-ahuntsic.referral-service"))
					.isEqualTo(SEVEN_DAYS);
				for (String events : List.of(Topics.REFERRAL_EVENTS, Topics.MATCHING_EVENTS, Topics.WAITLIST_EVENTS,
						Topics.NOTIFICATION_EVENTS)) {
					assertThat(retention(admin, events)).as(events).isEqualTo("-1");
				}
			});
		}
	}

	private static String retention(Admin admin, String topic) throws Exception {
		ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
		Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
		return config.get(TopicConfig.RETENTION_MS_CONFIG).value();
	}

}
