package ca.aiguillage.localstack;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;

import org.springframework.cloud.stream.binder.kafka.support.ConsumerConfigCustomizer;

/**
 * Gives each consumer of a service run by {@link ProcessStack} a stable Kafka static
 * membership ({@code group.instance.id}: the service, the binding and the topic) and a
 * shorter session. A service killed and started again takes its partitions back as soon
 * as it joins, instead of waiting for the broker to give up on the dead consumer; one
 * that is frozen or gone loses them after {@link #SESSION}, not Kafka's 45 s.
 */
final class StaticMembership implements ConsumerConfigCustomizer {

	/**
	 * How long the broker waits for a silent consumer before handing its partitions on.
	 */
	static final Duration SESSION = Duration.ofSeconds(15);

	private final String service;

	StaticMembership(String service) {
		this.service = service;
	}

	@Override
	public void configure(Map<String, Object> consumerProperties, String bindingName, String destination) {
		// Two bindings of one service share its group, and one binding may read several
		// topics: the id names both, so that no two consumers of a group fence each
		// other.
		consumerProperties.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
				this.service + "." + bindingName + "." + destination);
		consumerProperties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) SESSION.toMillis());
		consumerProperties.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) SESSION.dividedBy(5).toMillis());
	}

}
