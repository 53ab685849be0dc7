package ca.aiguillage.authorization.accounts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.aiguillage.authorization.AuthorizationServerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

class DeploymentSetupTests {

	private static final String PASSWORD = "une phrase de passe choisie";

	private static final Path COMPOSE = Path.of("..", "docker-compose.yml");

	@TempDir
	Path directory;

	@Test
	void setupWritesOwnerOnlySecretsWithWhichTheServerStartsAndKnowsTheChosenAdministrator() throws Exception {
		Path envFile = this.directory.resolve(".env");
		Process run = setup(envFile,
				Map.of("AIGUILLAGE_ADMIN_USERNAME", "directrice", "AIGUILLAGE_ADMIN_PASSWORD", PASSWORD,
						"AIGUILLAGE_HASH_COMMAND",
						ProcessHandle.current().info().command().orElseThrow() + " -cp '"
								+ System.getProperty("java.class.path") + "' "
								+ AuthorizationServerApplication.class.getName() + " hash-password"));
		assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(run.exitValue()).as(Files.readString(this.directory.resolve("setup.log"))).isZero();

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(envFile))).isEqualTo("rw-------");
		Map<String, String> env = read(envFile);
		assertThat(env).doesNotContainValue("notification-service-secret");

		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		try (ConfigurableApplicationContext server = start(env)) {
			assertThat(server.getBean(Accounts.class).user("directrice")).isPresent();
			assertThat(server.getBean(Accounts.class).user("admin")).isEmpty();
			assertThat(server.getBean(Accounts.class).secondFactor("directrice"))
				.contains(env.get("AIGUILLAGE_AUTHORIZATION_USERS_0_TOTPSECRET"));
			RegisteredClient notification = server.getBean(RegisteredClientRepository.class)
				.findByClientId("notification-service");
			assertThat(notification).isNotNull();
			assertThat(encoder.matches(env.get("NOTIFICATION_CLIENT_SECRET"), notification.getClientSecret())).isTrue();
		}
		assertThat(encoder.matches(PASSWORD, env.get("AIGUILLAGE_AUTHORIZATION_USERS_0_PASSWORD"))).isTrue();
		// Shown once to the operator, for the administrator's authenticator app.
		assertThat(env.get("AIGUILLAGE_AUTHORIZATION_USERS_0_TOTPSECRET")).matches("[A-Z2-7]{32}");
		assertThat(Files.readString(this.directory.resolve("setup.log")))
			.contains("otpauth://totp/Aiguillage:directrice?secret="
					+ env.get("AIGUILLAGE_AUTHORIZATION_USERS_0_TOTPSECRET"));
	}

	@Test
	void setupWritesEveryVariableTheComposeFileRequiresAndADistinctBrokerLoginForEachPrincipal() throws Exception {
		Path envFile = this.directory.resolve(".env");
		// The hash does not matter here: only which variables the file holds.
		Process run = setup(envFile, Map.of("AIGUILLAGE_ADMIN_USERNAME", "directrice", "AIGUILLAGE_ADMIN_PASSWORD",
				PASSWORD, "AIGUILLAGE_HASH_COMMAND", "cat >/dev/null; echo '{bcrypt}not-checked-here'"));
		assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(run.exitValue()).as(Files.readString(this.directory.resolve("setup.log"))).isZero();
		Map<String, String> env = read(envFile);

		Matcher required = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?").matcher(Files.readString(COMPOSE));
		Set<String> variables = new TreeSet<>();
		while (required.find()) {
			variables.add(required.group(1));
		}
		assertThat(variables).contains("KAFKA_ADMIN_PASSWORD", "KAFKA_REFERRAL_SERVICE_PASSWORD");
		for (String variable : variables) {
			assertThat(env.get(variable)).as(variable + " in .env").isNotBlank();
		}
		List<String> brokerPasswords = env.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith("KAFKA_") && entry.getKey().endsWith("_PASSWORD"))
			.map(Map.Entry::getValue)
			.toList();
		// The administrator's, the five services' and the broker's TLS keystore's.
		assertThat(brokerPasswords).hasSize(7)
			.doesNotHaveDuplicates()
			.allMatch((password) -> password.matches("[A-Za-z0-9]{20,}"));
		// The first partner system's login, for the inbound topic .env lists.
		assertThat(env.get("KAFKA_PARTNER_CREDENTIALS")).matches("first-partner:[A-Za-z0-9]{20,}")
			.doesNotContain(brokerPasswords.toArray(String[]::new));
		assertThat(env.get("AIGUILLAGE_INBOUND_TOPICS")).isEqualTo("referrals.inbound.first-partner");
		// The broker's TLS keystore, opened by the password .env gives the broker, and
		// the certificate authority the services trust; its key stays owner-only.
		Path tls = this.directory.resolve("kafka-tls");
		KeyStore keystore = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(tls.resolve("broker.p12"))) {
			keystore.load(in, env.get("KAFKA_TLS_KEYSTORE_PASSWORD").toCharArray());
		}
		assertThat(keystore.isKeyEntry("kafka")).isTrue();
		assertThat(Files.readString(tls.resolve("ca.crt"))).startsWith("-----BEGIN CERTIFICATE-----");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve("ca.key"))))
			.isEqualTo("rw-------");
	}

	@Test
	void setupRefusesToReplaceExistingSecretsUnlessForced() throws Exception {
		Path envFile = this.directory.resolve(".env");
		Files.writeString(envFile, "NOTIFICATION_CLIENT_SECRET=kept\n");
		Process run = setup(envFile, Map.of());
		assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(run.exitValue()).isNotZero();
		assertThat(Files.readString(this.directory.resolve("setup.log"))).contains("already exists");
		assertThat(Files.readString(envFile)).isEqualTo("NOTIFICATION_CLIENT_SECRET=kept\n");
	}

	// deploy/setup.sh as an operator runs it, its output kept in setup.log.
	private Process setup(Path envFile, Map<String, String> environment) throws IOException {
		ProcessBuilder builder = new ProcessBuilder("bash", Path.of("..", "deploy", "setup.sh").toString())
			.redirectErrorStream(true)
			.redirectOutput(this.directory.resolve("setup.log").toFile());
		builder.environment().put("AIGUILLAGE_ENV_FILE", envFile.toString());
		builder.environment().put("AIGUILLAGE_KAFKA_TLS_DIR", this.directory.resolve("kafka-tls").toString());
		builder.environment().putAll(environment);
		return builder.start();
	}

	private ConfigurableApplicationContext start(Map<String, String> env) {
		Map<String, Object> variables = new LinkedHashMap<>(env);
		// The variables as docker-compose hands them to the container's environment.
		return AuthorizationServerApplication.application()
			.initializers((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("env-file-systemEnvironment", variables)))
			.run("--server.port=0",
					"--aiguillage.authorization.signing-key-file=" + this.directory.resolve("signing-key.jwk.json"));
	}

	private static Map<String, String> read(Path envFile) throws IOException {
		Map<String, String> values = new LinkedHashMap<>();
		for (String line : Files.readAllLines(envFile)) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			int equals = line.indexOf('=');
			String value = line.substring(equals + 1);
			if (value.startsWith("'") && value.endsWith("'")) {
				value = value.substring(1, value.length() - 1);
			}
			values.put(line.substring(0, equals), value);
		}
		return values;
	}

}
