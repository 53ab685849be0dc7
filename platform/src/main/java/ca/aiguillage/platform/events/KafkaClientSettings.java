package ca.aiguillage.platform.events;

import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.CommonClientConfigs;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * What a plain Kafka client of a service (dead letters, a queue rebuild) connects with:
 * the binder's brokers and client settings, its login to the broker included. Read from
 * the environment, as the binder's own settings live in the binder's context.
 */
public final class KafkaClientSettings {

	private static final String BINDER = "spring.cloud.stream.kafka.binder";

	private KafkaClientSettings() {
	}

	/**
	 * The binder's connection settings, for a plain client.
	 * @param environment the service's environment
	 * @return bootstrap servers and every client setting of the binder
	 */
	public static Map<String, Object> of(Environment environment) {
		Binder binder = Binder.get(environment);
		Map<String, Object> settings = new TreeMap<>(
				binder.bind(BINDER + ".configuration", Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
		settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
				binder.bind(BINDER + ".brokers", String.class).orElse("localhost:9092"));
		return settings;
	}

}
