package ca.aiguillage.platform;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import ca.aiguillage.platform.deadletters.DeadLetterController;
import ca.aiguillage.platform.deadletters.DeadLetterMetrics;
import ca.aiguillage.platform.deadletters.DeadLetters;
import ca.aiguillage.platform.events.CloudEventMessages;
import ca.aiguillage.platform.events.EventJson;
import ca.aiguillage.platform.events.EventSchemas;
import ca.aiguillage.platform.events.KafkaClientSettings;
import ca.aiguillage.platform.events.KnownClusterId;
import ca.aiguillage.platform.mongo.MongoPingHealthIndicator;
import ca.aiguillage.platform.outbox.AggregateSettings;
import ca.aiguillage.platform.outbox.Aggregates;
import ca.aiguillage.platform.outbox.OutboxRelay;
import ca.aiguillage.platform.outbox.OutboxSettings;
import ca.aiguillage.platform.security.ResourceServerConfiguration;
import ca.aiguillage.platform.tracing.TraceContexts;
import ca.aiguillage.platform.tracing.TracingConfiguration;
import ca.aiguillage.platform.web.ProblemDetailsAdvice;
import ca.aiguillage.platform.web.headers.PageHeaders;
import ca.aiguillage.platform.work.WorkSettings;
import com.mongodb.WriteConcern;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.messaging.Message;

/** The beans every Aiguillage service gets from the platform. */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = PlatformDefaults.ENABLED, matchIfMissing = true)
@Import({ ResourceServerConfiguration.class, TracingConfiguration.class })
@EnableConfigurationProperties({ OutboxSettings.class, AggregateSettings.class, WorkSettings.class })
public class PlatformAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	EventJson eventJson() {
		return new EventJson();
	}

	@Bean
	EventSchemas eventSchemas() {
		return new EventSchemas();
	}

	@Bean
	CloudEventMessages cloudEventMessages(EventJson json, EventSchemas schemas,
			@Value("${spring.application.name}") String serviceName) {
		return new CloudEventMessages(json, schemas, serviceName);
	}

	@Bean
	OutboxRelay outboxRelay(MongoOperations mongo, StreamBridge bridge, CloudEventMessages messages,
			OutboxSettings settings, Clock clock, ObjectProvider<MeterRegistry> meters, TraceContexts traces) {
		return new OutboxRelay(mongo, bridge, messages, settings, clock,
				meters.getIfAvailable(SimpleMeterRegistry::new), traces);
	}

	@Bean
	Aggregates aggregates(MongoOperations mongo, EventJson json, EventSchemas schemas, Clock clock, OutboxRelay relay,
			AggregateSettings settings, TraceContexts traces) {
		return new Aggregates(mongo, json, schemas, clock, relay, settings, traces);
	}

	@Bean
	DeadLetters deadLetters(BindingServiceProperties bindings, Environment environment, MongoOperations mongo,
			Clock clock, BeanFactory beans) {
		// The binder names each input binding's dead-letter topic
		// error.<destination>.<group>.
		Map<String, String> originalTopics = new TreeMap<>();
		Map<String, DeadLetters.Retries> retries = new TreeMap<>();
		Map<String, String> consumers = new TreeMap<>();
		bindings.getBindings().forEach((name, binding) -> {
			if (binding.getGroup() != null && binding.getDestination() != null) {
				for (String destination : binding.getDestination().split(",")) {
					String deadLetters = "error." + destination.strip() + "." + binding.getGroup();
					originalTopics.put(deadLetters, destination.strip());
					// An input binding is named <function>-in-<index>.
					consumers.put(deadLetters, name.replaceFirst("-in-\\d+$", ""));
					if (binding.getConsumer() != null) {
						retries.put(deadLetters,
								new DeadLetters.Retries(binding.getConsumer().getMaxAttempts(),
										binding.getConsumer()
											.getRetryableExceptions()
											.entrySet()
											.stream()
											.filter(retryable -> Boolean.FALSE.equals(retryable.getValue()))
											.map(retryable -> retryable.getKey().getName())
											.collect(Collectors.toSet())));
					}
				}
			}
		});
		return new DeadLetters(originalTopics, retries, KafkaClientSettings.of(environment), mongo, clock,
				(deadLetterTopic, event) -> consumerOf(beans, consumers.get(deadLetterTopic)).accept(event));
	}

	// The function bean the binding calls for each record of its topic.
	@SuppressWarnings("unchecked")
	private static Consumer<Message<byte[]>> consumerOf(BeanFactory beans, @Nullable String function) {
		if (function == null || !beans.containsBean(function)) {
			throw new IllegalStateException("No consumer " + function + " in this service");
		}
		return beans.getBean(function, Consumer.class);
	}

	/**
	 * The binder's listener containers and producers share one administrator, their
	 * cluster id known before their first record.
	 */
	@Bean
	KnownClusterId knownClusterId(Environment environment) {
		return new KnownClusterId(KafkaClientSettings.of(environment));
	}

	@Bean
	DeadLetterMetrics deadLetterMetrics(DeadLetters deadLetters, Environment environment) {
		return new DeadLetterMetrics(deadLetters, environment.getProperty("aiguillage.dead-letters.count-interval",
				Duration.class, Duration.ofMinutes(1)));
	}

	@Bean
	DeadLetterController deadLetterController(DeadLetters deadLetters) {
		return new DeadLetterController(deadLetters);
	}

	@Bean
	ProblemDetailsAdvice problemDetailsAdvice(MessageSource messages) {
		return new ProblemDetailsAdvice(messages);
	}

	@Bean
	FilterRegistrationBean<PageHeaders> pageHeaders() {
		FilterRegistrationBean<PageHeaders> registration = new FilterRegistrationBean<>(new PageHeaders());
		// Before Spring Security, so that its refusals carry the headers too.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	MongoPingHealthIndicator mongoHealthIndicator(MongoOperations mongo) {
		return new MongoPingHealthIndicator(mongo);
	}

	@Bean
	MongoClientSettingsBuilderCustomizer durableWrites() {
		// An acknowledged write must survive a crash: journaled on MongoDB, committed to
		// file on the embedded store.
		return settings -> settings.writeConcern(WriteConcern.MAJORITY.withJournal(true));
	}

}
