package ca.aiguillage.platform.probe;

import ca.aiguillage.platform.outbox.Aggregate;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Bean;

/**
 * A service with nothing of its own but a probe: what every service gets from the
 * platform. Kept apart from the platform's packages so that scanning does not pick the
 * platform's own beans twice.
 */
@SpringBootApplication
@EntityScan(basePackageClasses = Aggregate.class)
public class PlatformTestApplication {

	// The probe binding's consumer (probe-in-0), to which a replayed dead letter goes
	// back.
	@Bean
	ProbeConsumer probe() {
		return new ProbeConsumer();
	}

}
