package ca.aiguillage.platform.events;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.cloud.stream.config.ProducerMessageHandlerCustomizer;
import org.springframework.integration.kafka.outbound.KafkaProducerMessageHandler;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;

/**
 * Every listener container and every producer of a service share one broker
 * administrator, whose cluster id is asked once, as the bindings are made.
 * <p>
 * A listener or a producer observed for tracing names its broker's cluster in each
 * record's observation. Left alone, each opens an administrator of its own to ask for it
 * when its first record comes or goes, and that record waits: a new connection and a
 * login (SCRAM hashes thousands of rounds), for each of a service's listeners and
 * producers at once, which held the first referrals after a start for seconds
 * (docs/performance.md, warm-up). Should the broker not answer then, each asks again at
 * its first record, as before.
 */
public final class KnownClusterId implements ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>>,
		ProducerMessageHandlerCustomizer<KafkaProducerMessageHandler<?, ?>> {

	/** Seconds to wait for the broker's answer as the service starts. */
	private static final int TIMEOUT_SECONDS = 10;

	private final KafkaAdmin admin;

	private final AtomicBoolean asked = new AtomicBoolean();

	private final AtomicInteger listeners = new AtomicInteger();

	private final AtomicInteger producers = new AtomicInteger();

	/**
	 * An administrator with the binder's connection settings.
	 * @param settings bootstrap servers and client settings ({@link KafkaClientSettings})
	 */
	public KnownClusterId(Map<String, Object> settings) {
		this.admin = new KafkaAdmin(settings);
		this.admin.setOperationTimeout(TIMEOUT_SECONDS);
	}

	@Override
	public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group) {
		container.setKafkaAdmin(known());
		this.listeners.incrementAndGet();
	}

	@Override
	public void configure(KafkaProducerMessageHandler<?, ?> handler, String destinationName) {
		handler.getKafkaTemplate().setKafkaAdmin(known());
		this.producers.incrementAndGet();
	}

	private KafkaAdmin known() {
		if (this.asked.compareAndSet(false, true)) {
			// Kept once known; null when the broker did not answer in time.
			this.admin.clusterId();
		}
		return this.admin;
	}

	/**
	 * The cluster id as known now, without asking the broker.
	 * @return the id, or null when not known yet
	 */
	public @Nullable String clusterId() {
		return this.admin.getClusterId();
	}

	/**
	 * How many listener containers share the administrator.
	 * @return the containers configured so far
	 */
	public int listeners() {
		return this.listeners.get();
	}

	/**
	 * How many producers share the administrator.
	 * @return the producers configured so far
	 */
	public int producers() {
		return this.producers.get();
	}

}
