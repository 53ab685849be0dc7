package ca.aiguillage.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import ca.aiguillage.contracts.Topics;
import ca.aiguillage.platform.files.OwnerOnlyFiles;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may use the local stack's broker, and for what: one SCRAM principal per service and
 * per partner system, each service writing only its own topic, each partner only its own
 * inbound topic. The passwords are drawn once and kept in the data directory, readable by
 * its owner only.
 */
final class KafkaPrincipals {

	static final String MECHANISM = "SCRAM-SHA-256";

	/**
	 * The broker's own principal and the local stack's administrator of topics and ACLs.
	 */
	static final String ADMIN = "admin";

	/** Each service's principal and the topic it owns. */
	static final Map<String, String> SERVICES = Map.of("referral-service", Topics.REFERRAL_EVENTS, "matching-service",
			Topics.MATCHING_EVENTS, "waitlist-service", Topics.WAITLIST_EVENTS, "notification-service",
			Topics.NOTIFICATION_EVENTS);

	/** Services that only read the event topics (they publish nothing). */
	static final List<String> READERS = List.of("fhir-gateway");

	/** The local stack's demo partner systems (as in authorization-server-local.yml). */
	static final List<String> DEMO_PARTNERS = List.of("demo-partner", "clsc-ahuntsic", "gasm-laval");

	private static final String FILE = "kafka-credentials.properties";

	private final Path dataDir;

	private final Properties passwords;

	private KafkaPrincipals(Path dataDir, Properties passwords) {
		this.dataDir = dataDir;
		this.passwords = passwords;
	}

	/**
	 * The principals' passwords, drawn on first use.
	 * @param dataDir the local stack's data directory
	 * @return the principals
	 */
	static KafkaPrincipals loadOrCreate(Path dataDir) {
		Path file = dataDir.resolve(FILE);
		Properties passwords = new Properties();
		try {
			Files.createDirectories(dataDir);
			if (Files.exists(file)) {
				try (InputStream in = Files.newInputStream(file)) {
					passwords.load(in);
				}
			}
			boolean drawn = false;
			for (String principal : principals()) {
				if (passwords.getProperty(principal) == null) {
					passwords.setProperty(principal, newPassword());
					drawn = true;
				}
			}
			if (drawn) {
				writeOwnerOnly(file, passwords, "Passwords of the local stack's Kafka principals");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new KafkaPrincipals(dataDir, passwords);
	}

	static List<String> principals() {
		List<String> principals = new ArrayList<>(List.of(ADMIN));
		principals.addAll(SERVICES.keySet().stream().sorted().toList());
		principals.addAll(READERS);
		principals.addAll(DEMO_PARTNERS);
		return principals;
	}

	String password(String principal) {
		String password = this.passwords.getProperty(principal);
		if (password == null) {
			throw new IllegalArgumentException("No Kafka principal " + principal);
		}
		return password;
	}

	/**
	 * The client settings of one principal.
	 * @param principal who connects
	 * @return security protocol, mechanism and login
	 */
	Map<String, Object> clientSettings(String principal) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
		settings.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
		settings.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(principal, password(principal)));
		return settings;
	}

	/**
	 * The client settings of one principal, with where to connect.
	 * @param bootstrapServers the broker
	 * @param principal who connects
	 * @return bootstrap servers and login
	 */
	Map<String, Object> clientSettings(String bootstrapServers, String principal) {
		Map<String, Object> settings = clientSettings(principal);
		settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		return settings;
	}

	static String jaas(String principal, String password) {
		return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + principal
				+ "\" password=\"" + password + "\";";
	}

	/**
	 * A service's Kafka login as Spring properties, in a file of its own, so that no
	 * password shows on a command line.
	 * @param service the service's principal
	 * @return the file
	 */
	Path serviceSettingsFile(String service) {
		return settingsFile(this.dataDir, service);
	}

	static Path settingsFile(Path dataDir, String service) {
		return dataDir.toAbsolutePath().resolve("kafka-clients").resolve(service + ".properties");
	}

	void writeServiceSettings() {
		for (String service : clientsOfTheServices()) {
			Properties spring = new Properties();
			clientSettings(service).forEach((key, value) -> spring
				.setProperty("spring.cloud.stream.kafka.binder.configuration." + key, value.toString()));
			try {
				Files.createDirectories(serviceSettingsFile(service).getParent());
				writeOwnerOnly(serviceSettingsFile(service), spring, "The Kafka login of " + service);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	private static List<String> clientsOfTheServices() {
		List<String> services = new ArrayList<>(SERVICES.keySet());
		services.addAll(READERS);
		return services;
	}

	/**
	 * What each principal may do. Reading the services' event topics carries no personal
	 * data; writing is what the ACLs guard.
	 * @return the bindings
	 */
	static List<AclBinding> acls() {
		List<AclBinding> acls = new ArrayList<>();
		List<String> eventTopics = List.copyOf(KafkaBroker.EVENT_TOPICS);
		SERVICES.forEach((service, own) -> {
			allow(acls, service, ResourceType.TOPIC, own, PatternType.LITERAL, AclOperation.WRITE, AclOperation.CREATE,
					AclOperation.DESCRIBE_CONFIGS);
			for (String topic : eventTopics) {
				allow(acls, service, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ,
						AclOperation.DESCRIBE);
				// Its own dead-letter topics: error.<topic>.<group>, its groups named
				// after it.
				allow(acls, service, ResourceType.TOPIC, "error." + topic + "." + service, PatternType.PREFIXED,
						AclOperation.ALL);
			}
			allow(acls, service, ResourceType.GROUP, service, PatternType.PREFIXED, AclOperation.READ,
					AclOperation.DESCRIBE);
		});
		for (String reader : READERS) {
			for (String topic : eventTopics) {
				allow(acls, reader, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ,
						AclOperation.DESCRIBE);
				allow(acls, reader, ResourceType.TOPIC, "error." + topic + "." + reader, PatternType.PREFIXED,
						AclOperation.ALL);
			}
			allow(acls, reader, ResourceType.GROUP, reader, PatternType.PREFIXED, AclOperation.READ,
					AclOperation.DESCRIBE);
		}
		// Only referral-service reads partners' referrals, and may replay its dead
		// letters
		// onto their topics.
		allow(acls, "referral-service", ResourceType.TOPIC, Topics.REFERRALS_INBOUND + ".", PatternType.PREFIXED,
				AclOperation.READ, AclOperation.DESCRIBE, AclOperation.WRITE);
		// Their dead letters: error.referrals.inbound.<partner>.referral-service.
		allow(acls, "referral-service", ResourceType.TOPIC, "error." + Topics.REFERRALS_INBOUND + ".",
				PatternType.PREFIXED, AclOperation.ALL);
		for (String partner : DEMO_PARTNERS) {
			allow(acls, partner, ResourceType.TOPIC, Topics.inboundOf(partner), PatternType.LITERAL, AclOperation.WRITE,
					AclOperation.DESCRIBE);
		}
		return acls;
	}

	private static void allow(List<AclBinding> acls, String principal, ResourceType type, String name,
			PatternType pattern, AclOperation... operations) {
		for (AclOperation operation : operations) {
			acls.add(new AclBinding(new ResourcePattern(type, name, pattern),
					new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW)));
		}
	}

	private static String newPassword() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static void writeOwnerOnly(Path file, Properties properties, String comment) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		properties.store(bytes, comment);
		OwnerOnlyFiles.replace(file, bytes.toByteArray());
	}

}
