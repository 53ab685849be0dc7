package ca.aiguillage.notification;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * notification-service: what each client is told about their referral, on which channel,
 * in which language.
 */
@SpringBootApplication
public class NotificationApplication {

	/**
	 * The configuration file name, so that the four services can share one JVM in the
	 * local stack.
	 */
	public static final String CONFIG_NAME = "notification-service";

	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(NotificationApplication.class)
			.properties("spring.config.name=" + CONFIG_NAME);
	}

	public static void main(String[] args) {
		application().run(args);
	}

}
