package ca.aiguillage.authorization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

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

	/**
	 * What the services' classpath brings and the authorization server must not start:
	 * MongoDB, Kafka bindings.
	 */
	private static final String NOT_FOR_AUTHORIZATION = String.join(",",
			"org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
			"org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration",
			"org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration",
			"org.springframework.boot.mongodb.autoconfigure.health.MongoReactiveHealthContributorAutoConfiguration",
			"org.springframework.boot.mongodb.autoconfigure.metrics.MongoMetricsAutoConfiguration",
			"org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
			"org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveAutoConfiguration",
			"org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveRepositoriesAutoConfiguration",
			"org.springframework.boot.data.mongodb.autoconfigure.DataMongoRepositoriesAutoConfiguration",
			"org.springframework.cloud.stream.config.BindersHealthIndicatorAutoConfiguration",
			"org.springframework.cloud.stream.config.ChannelsEndpointAutoConfiguration",
			"org.springframework.cloud.stream.config.BindingsEndpointAutoConfiguration",
			"org.springframework.cloud.stream.config.BindingServiceConfiguration",
			"org.springframework.cloud.stream.function.FunctionConfiguration");

	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(AuthorizationServerApplication.class)
			.properties("spring.config.name=" + CONFIG_NAME);
	}

	/**
	 * Starts the authorization server in a JVM whose classpath also holds services (the
	 * local stack, a service's browser test): it takes no platform, database or broker
	 * from them.
	 * @param port the HTTP port
	 * @param issuer the issuer, such as {@code http://localhost:9000}
	 * @param signingKeyFile where the signing key is kept (generated on first start)
	 * @return the running server; close it to stop it
	 */
	public static ConfigurableApplicationContext startBesideServices(int port, String issuer, Path signingKeyFile) {
		return application().registerShutdownHook(false)
			.run("--server.port=" + port, "--aiguillage.authorization.issuer=" + issuer,
					"--aiguillage.authorization.signing-key-file=" + signingKeyFile.toAbsolutePath(),
					"--aiguillage.platform.enabled=false", "--spring.autoconfigure.exclude=" + NOT_FOR_AUTHORIZATION,
					// Beside services means the local stack or a test: the demo accounts.
					"--spring.profiles.active=local");
	}

	public static void main(String[] args) throws IOException {
		if (args.length == 1 && args[0].equals("hash-password")) {
			// deploy/setup.sh: the operator's chosen password in on standard input, its
			// bcrypt hash out, and nothing else started.
			String password = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
			if (password.length() < 12) {
				System.err.println("A password needs at least 12 characters.");
				System.exit(2);
			}
			System.out.println("{bcrypt}" + new BCryptPasswordEncoder().encode(password));
			return;
		}
		application().run(args);
	}

}
