package ca.aiguillage.referral;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** referral-service: where a referral is born and where its referrer follows it. */
@SpringBootApplication
public class ReferralApplication {

	/**
	 * The configuration file name, so that the four services can share one JVM in the
	 * local stack.
	 */
	public static final String CONFIG_NAME = "referral-service";

	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(ReferralApplication.class).properties("spring.config.name=" + CONFIG_NAME);
	}

	public static void main(String[] args) {
		application().run(args);
	}

}
