package ca.aiguillage.authorization.accounts;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose's broker, read as the Compose file and script they are: every service
 * reaches it over TLS (SASL_SSL, the deployment's own certificate authority) and logs in
 * as its own principal with a password from .env (no default anywhere), and the broker
 * takes logins only and refuses what no ACL allows. {@link DockerComposeBrokerTlsTests}
 * runs these settings on a real broker.
 */
class DockerComposeBrokerTests {

	private static final Path COMPOSE = Path.of("..", "docker-compose.yml");

	private static final Path BROKER = Path.of("..", "deploy", "kafka", "broker.sh");

	static final String BINDER = "SPRING_CLOUD_STREAM_KAFKA_BINDER_";

	/** Where every service finds the broker's certificate authority. */
	static final String TRUSTED_AUTHORITY = "/etc/aiguillage/kafka-tls/ca.crt";

	/** Where scripts/compose-certs.sh writes it (deploy/setup.sh). */
	static final String AUTHORITY_FILE = "./deploy/kafka/tls/ca.crt";

	private static final Pattern LOGIN = Pattern
		.compile("org\\.apache\\.kafka\\.common\\.security\\.scram\\.ScramLoginModule required username=\"([a-z-]+)\" "
				+ "password=\"\\$\\{(KAFKA_[A-Z_]+_PASSWORD):\\?[^}]+}\";");

	@Test
	void everyServiceOnTheBrokerLogsInAsItsOwnPrincipalWithAPasswordFromEnv() throws IOException {
		Map<String, Map<String, String>> services = environments();
		Map<String, String> broker = services.get("kafka");
		List<String> clients = services.entrySet()
			.stream()
			.filter((service) -> service.getValue().containsKey(BINDER + "BROKERS"))
			.map(Map.Entry::getKey)
			.toList();

		assertThat(clients).containsExactlyInAnyOrder("referral-service", "matching-service", "waitlist-service",
				"notification-service", "fhir-gateway");
		for (String client : clients) {
			Map<String, String> environment = services.get(client);
			assertThat(environment).as(client)
				.containsEntry(BINDER + "CONFIGURATION_SECURITY_PROTOCOL", "SASL_SSL")
				.containsEntry(BINDER + "CONFIGURATION_SASL_MECHANISM", "SCRAM-SHA-512")
				.containsEntry(BINDER + "CONFIGURATION_SSL_TRUSTSTORE_TYPE", "PEM")
				.containsEntry(BINDER + "CONFIGURATION_SSL_TRUSTSTORE_LOCATION", TRUSTED_AUTHORITY);
			// The authority's certificate is mounted where the truststore setting names
			// it,
			// and never its key.
			List<String> volumes = ((List<?>) services().get(client).get("volumes")).stream()
				.map(String::valueOf)
				.toList();
			assertThat(volumes).as(client + " volumes")
				.contains(AUTHORITY_FILE + ":" + TRUSTED_AUTHORITY + ":ro")
				.noneMatch((volume) -> volume.contains("ca.key"));
			Matcher login = LOGIN.matcher(environment.getOrDefault(BINDER + "CONFIGURATION_SASL_JAAS_CONFIG", ""));
			assertThat(login.matches()).as(client + " logs in with SCRAM and a password from .env").isTrue();
			assertThat(login.group(1)).as(client + " logs in as itself").isEqualTo(client);
			String password = "KAFKA_" + client.toUpperCase(Locale.ROOT).replace('-', '_') + "_PASSWORD";
			assertThat(login.group(2)).isEqualTo(password);
			// The broker declares the login with that same password, required, never
			// defaulted.
			assertThat(broker.get(password)).as("kafka " + password).matches("\\$\\{" + password + ":\\?[^}]+}");
		}
		assertThat(broker.get("KAFKA_ADMIN_PASSWORD")).matches("\\$\\{KAFKA_ADMIN_PASSWORD:\\?[^}]+}");
		assertThat(declaredServices()).containsExactlyInAnyOrderElementsOf(clients);
	}

	@Test
	void noBrokerPasswordHasADefaultInTheComposeFile() throws IOException {
		String compose = Files.readString(COMPOSE);

		assertThat(compose).containsPattern("\\$\\{KAFKA_[A-Z_]+_PASSWORD:\\?")
			.doesNotContainPattern("\\$\\{KAFKA_[A-Z_]*(PASSWORD|CREDENTIALS)(:?-)[^}]")
			.doesNotContainPattern("password=\"[^$]");
	}

	@Test
	void brokerTakesLoginsOnlyAndRefusesWhatNoAclAllows() throws IOException, InterruptedException {
		Map<String, String> settings = brokerSettings();

		// TLS on the compose network; plain text only on the container's own loopback.
		assertThat(settings.get("listener.security.protocol.map").split(","))
			.containsExactlyInAnyOrder("CLIENTS:SASL_SSL", "BROKER:SASL_PLAINTEXT", "CONTROLLER:SASL_PLAINTEXT");
		assertThat(settings).containsEntry("listener.name.clients.ssl.keystore.location", "$keystore")
			.containsEntry("listener.name.clients.ssl.keystore.password", "$tls_password");
		// Only the clients' listener is reachable from the compose network; the node's
		// own
		// listeners are on its loopback.
		assertThat(settings.get("listeners").split(",")).containsExactlyInAnyOrder("CLIENTS://:9092",
				"BROKER://localhost:9094", "CONTROLLER://localhost:9093");
		assertThat(settings).containsEntry("listener.name.clients.sasl.enabled.mechanisms", "SCRAM-SHA-512")
			.containsEntry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
			.containsEntry("allow.everyone.if.no.acl.found", "false")
			.containsEntry("super.users", "User:admin");
		Map<String, Object> kafka = services().get("kafka");
		assertThat(kafka.get("entrypoint").toString()).contains("/opt/aiguillage/broker.sh");
		assertThat(kafka.get("volumes").toString()).contains("./deploy/kafka/broker.sh:/opt/aiguillage/broker.sh:ro")
			.contains("./deploy/kafka/tls/broker.p12:/etc/kafka/tls/broker.p12:ro")
			.doesNotContain("ca.key");
		assertThat(Files.readString(BROKER)).contains("keystore=/etc/kafka/tls/broker.p12");
		assertThat(environments().get("kafka")).containsEntry("KAFKA_TLS_KEYSTORE_PASSWORD",
				"${KAFKA_TLS_KEYSTORE_PASSWORD:?run ./deploy/setup.sh first}");
		assertThat(kafka).doesNotContainKey("ports");

		Process syntax = new ProcessBuilder("bash", "-n", BROKER.toString()).redirectErrorStream(true).start();
		assertThat(syntax.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(syntax.exitValue()).as(new String(syntax.getInputStream().readAllBytes())).isZero();
	}

	@Test
	void eachPartnerSystemWritesOnlyItsOwnInboundTopic() throws IOException {
		String script = Files.readString(BROKER);

		assertThat(script).contains(
				"allow \"$partner\" --topic \"referrals.inbound.$partner\" --operation Write --operation Describe");
		// A partner's entry never gets a prefixed or wildcard ACL.
		assertThat(script.lines().filter((line) -> line.contains("allow \"$partner\"")))
			.noneMatch((line) -> line.contains("prefixed") || line.contains("'*'"));
	}

	// The broker's settings as broker.sh writes them, variables left as written.
	static Map<String, String> brokerSettings() throws IOException {
		String script = Files.readString(BROKER);
		int start = script.indexOf("cat > \"$config\" <<PROPERTIES\n");
		assertThat(start).isNotNegative();
		String properties = script.substring(script.indexOf('\n', start) + 1, script.indexOf("\nPROPERTIES\n", start));
		Map<String, String> settings = new LinkedHashMap<>();
		properties.lines()
			.filter((line) -> !line.startsWith("#"))
			.forEach((line) -> settings.put(line.substring(0, line.indexOf('=')),
					line.substring(line.indexOf('=') + 1)));
		return settings;
	}

	private static List<String> declaredServices() throws IOException {
		Matcher declared = Pattern.compile("(?m)^services=\\(([^)]*)\\)$").matcher(Files.readString(BROKER));
		assertThat(declared.find()).isTrue();
		return Arrays.asList(declared.group(1).trim().split("\\s+"));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Map<String, Object>> services() throws IOException {
		try (Reader reader = Files.newBufferedReader(COMPOSE)) {
			Map<String, Object> compose = new Yaml().load(reader);
			return (Map<String, Map<String, Object>>) compose.get("services");
		}
	}

	@SuppressWarnings("unchecked")
	static Map<String, Map<String, String>> environments() throws IOException {
		Map<String, Map<String, String>> environments = new LinkedHashMap<>();
		services().forEach((name, service) -> {
			Map<String, String> values = new LinkedHashMap<>();
			Object environment = service.get("environment");
			if (environment != null) {
				((Map<String, Object>) environment)
					.forEach((variable, value) -> values.put(variable, String.valueOf(value)));
			}
			environments.put(name, values);
		});
		return environments;
	}

}
