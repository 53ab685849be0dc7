package ca.aiguillage.authorization;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * authorization-server: the local stack's OpenID Connect provider, issuing the signed
 * JWTs the services accept; any standard provider replaces it by configuration.
 */
@SpringBootApplication
public class AuthorizationServerApplication {

	/**
	 * The configuration file name, so that it can share one JVM with the services in the
	 * local stack.
	 */
	public static final String CONFIG_NAME = "authorization-server";

	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(AuthorizationServerApplication.class)
			.properties("spring.config.name=" + CONFIG_NAME);
	}

	public static void main(String[] args) {
		application().run(args);
	}

}
