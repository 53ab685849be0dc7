package ca.aiguillage.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import ca.aiguillage.contracts.Topics;
import ca.aiguillage.platform.probe.PlatformTestApplication;
import ca.aiguillage.testing.ServiceIntegrationTest;

import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * The platform booted as a service on the real broker and the embedded wire-protocol
 * MongoDB, one context shared by every platform integration test. The relay polls only
 * once a minute, so an event published at once proves it was woken; its safety-net scan
 * runs once an hour; aggregates keep their last 20 applied event ids; the test
 * aggregate's topic is bound at start, as each service binds its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ServiceIntegrationTest
@ContextConfiguration(classes = PlatformTestApplication.class)
@TestPropertySource(properties = { "aiguillage.outbox.poll-interval=PT1M", "aiguillage.outbox.first-retry=PT0.05S",
		"aiguillage.outbox.max-retry=PT0.2S", "aiguillage.outbox.stuck-after=3", "aiguillage.outbox.scan-interval=PT1H",
		"aiguillage.aggregates.kept-event-ids=20", "aiguillage.dead-letters.count-interval=PT0.5S",
		"spring.cloud.stream.output-bindings=" + Topics.WAITLIST_EVENTS })
public @interface PlatformIntegrationTest {

}
