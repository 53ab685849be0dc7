package ca.aiguillage.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * A booted service on a real KRaft broker (spring-kafka-test) and the in-JVM MongoDB
 * wire-protocol server, serving HTTP on a random port. The test names its service's
 * configuration with {@code @TestPropertySource(properties = "spring.config.name=…")}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "aiguillage.outbox.poll-interval=PT0.1S",
				"spring.cloud.stream.kafka.binder.auto-create-topics=true" })
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.cloud.stream.kafka.binder.brokers")
@WithEmbeddedMongo
public @interface ServiceIntegrationTest {

}
