package ca.aiguillage.waitlist;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** waitlist-service: the queue coordinators watch, and who waits for how long. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WaitlistApplication {

	/**
	 * The configuration file name, so that the four services can share one JVM in the
	 * local stack.
	 */
	public static final String CONFIG_NAME = "waitlist-service";

	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(WaitlistApplication.class).properties("spring.config.name=" + CONFIG_NAME);
	}

	public static void main(String[] args) {
		application().run(args);
	}

}
