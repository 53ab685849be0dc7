package ca.aiguillage.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Where the stack under load answers, and how the generator logs in to its broker.
 *
 * @param referralApi referral-service's base URL
 * @param issuer the authorization server (client credentials of the demo partner)
 * @param bootstrapServers the Kafka broker
 * @param kafkaLogin the client settings (bootstrap servers and SASL login) of a
 * principal: {@code demo-partner} to publish, {@code admin} to read the event topics and
 * the lag
 * @param mongoUri the database (read by {@code _id} for the queue, written by the
 * baseline)
 * @param databaseFile the database's file, for storage per referral, when known
 */
public record Target(String referralApi, String issuer, String bootstrapServers,
		Function<String, Map<String, Object>> kafkaLogin, String mongoUri, @Nullable Path databaseFile) {

	/** The demo partner system of the local stack: its client and its Kafka principal. */
	static final String PARTNER = "demo-partner";

	/**
	 * The demo partner's client secret in the local stack
	 * (authorization-server-local.yml).
	 */
	static final String PARTNER_SECRET = "demo-partner-secret";

	/**
	 * A local stack started by {@code ./run-local.sh}: its default ports, and the Kafka
	 * passwords it drew in its data directory.
	 * @param dataDir the stack's data directory
	 * @return the target
	 */
	static Target localStack(Path dataDir, String referralApi, String issuer, String bootstrapServers,
			String mongoUri) {
		Properties passwords = new Properties();
		Path file = dataDir.resolve("kafka-credentials.properties");
		try (InputStream in = Files.newInputStream(file)) {
			passwords.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No Kafka logins in " + file.toAbsolutePath()
					+ ": is the local stack started with this data directory (--data)?", ex);
		}
		return new Target(referralApi, issuer, bootstrapServers, (principal) -> {
			Map<String, Object> settings = new LinkedHashMap<>();
			settings.put("bootstrap.servers", bootstrapServers);
			settings.put("security.protocol", "SASL_PLAINTEXT");
			settings.put("sasl.mechanism", "SCRAM-SHA-256");
			settings.put("sasl.jaas.config",
					"org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + principal
							+ "\" password=\"" + passwords.getProperty(principal, "") + "\";");
			return settings;
		}, mongoUri, dataDir.resolve("mongo").resolve("aiguillage.mv"));
	}

}
