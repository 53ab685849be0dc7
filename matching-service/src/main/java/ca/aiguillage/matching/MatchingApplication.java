package ca.aiguillage.matching;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * matching-service: the therapist directory, their places, and the policy that proposes
 * one.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class MatchingApplication {

	/**
	 * The configuration file name, so that the four services can share one JVM in the
	 * local stack.
	 */
	public static final String CONFIG_NAME = "matching-service";

	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(MatchingApplication.class).properties("spring.config.name=" + CONFIG_NAME);
	}

	public static void main(String[] args) {
		application().run(args);
	}

}
