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
 * that is frozen or gone loses them after {@link #SESSION}, not Kafka's 45 s. A second
 * instance of a service has ids of its own ({@code matching-service-2.…}): with the
 * first's it would fence it.
 */
final class StaticMembership implements ConsumerConfigCustomizer {

	/**
	 * How long the broker waits for a silent consumer before handing its partitions on.
	 */
	static final Duration SESSION = Duration.ofSeconds(15);

	private final String service;

	StaticMembership(String service) {
		this(service, 1);
	}

	StaticMembership(String service, int instance) {
		this.service = (instance == 1) ? service : service + "-" + instance;
	}

	/**
	 * Which instance of its service a consumer group's member is, from its
	 * {@code group.instance.id}.
	 * @param groupInstanceId the member's id, as {@link #configure} gives it
	 * @return the instance, from 1
	 */
	static int instanceOf(String groupInstanceId) {
		String service = groupInstanceId.substring(0, Math.max(0, groupInstanceId.indexOf('.')));
		int dash = service.lastIndexOf('-');
		String last = (dash < 0) ? "" : service.substring(dash + 1);
		return last.matches("[0-9]+") ? Integer.parseInt(last) : 1;
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
