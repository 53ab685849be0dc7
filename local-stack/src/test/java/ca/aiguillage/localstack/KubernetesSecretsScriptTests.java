package ca.aiguillage.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import ca.aiguillage.notification.contacts.NotificationKeys;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/k8s-secrets.sh writes the Secrets that deploy/k8s mounts: read from the base
 * manifests themselves (no kubectl), every key file a service is pointed to, every
 * database URI and the broker's CA are in the Secret of the name its Deployment names,
 * and each key file is one the service reads.
 */
class KubernetesSecretsScriptTests {

	private static final Path ROOT = Path.of("..");

	private static final String KEYS_DIRECTORY = "/var/lib/aiguillage/";

	@TempDir
	Path temporary;

	@Test
	void scriptWritesEverySecretKeyTheManifestsMountWithKeysTheServicesRead() throws Exception {
		Path ca = Files.writeString(this.temporary.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\n");
		Path out = this.temporary.resolve("out");
		assertThat(run("--out", out.toString(), "--kafka-ca", ca.toString())).isZero();

		Map<String, Map<String, String>> secrets = secrets(out.resolve("secrets.yaml"));
		Map<String, Set<String>> mounted = mountedSecretKeys();
		assertThat(mounted).containsKeys("authorization-server-keys", "referral-service-keys", "waitlist-service-keys",
				"notification-service-keys", "aiguillage-mongodb");
		mounted.forEach((secret, keys) -> assertThat(secrets).as(secret)
			.hasEntrySatisfying(secret, written -> assertThat(written.keySet()).containsAll(keys)));

		RSAKey signing = (RSAKey) JWK.parse(secrets.get("authorization-server-keys").get("signing-key.jwk.json"));
		assertThat(signing.isPrivate()).isTrue();
		assertThat(signing.size()).isGreaterThanOrEqualTo(2048);
		assertThat(signing.toRSAPrivateKey().getModulus()).isEqualTo(signing.toRSAPublicKey().getModulus());
		Map<String, Object> dataKeys = json(secrets.get("referral-service-keys").get("keys.json"));
		assertThat(Base64.getDecoder()
			.decode((String) ((Map<?, ?>) dataKeys.get("dataEncryptionKeys")).get(dataKeys.get("activeKeyId"))))
			.hasSize(32);
		assertThat(Base64.getDecoder()
			.decode((String) json(secrets.get("referral-service-keys").get("blind-index-key.json"))
				.get("blindIndexKey")))
			.hasSize(32);
		Map<String, Object> waitlistKeys = json(secrets.get("waitlist-service-keys").get("keys.json"));
		assertThat(Base64.getDecoder()
			.decode((String) ((Map<?, ?>) waitlistKeys.get("dataEncryptionKeys")).get(waitlistKeys.get("activeKeyId"))))
			.hasSize(32);
		Path notificationKeys = Files.writeString(this.temporary.resolve("notification-keys.json"),
				secrets.get("notification-service-keys").get("keys.json"));
		assertThat(NotificationKeys.load(notificationKeys).linkKey()).hasSize(32);
		assertThat(secrets.get("fhir-gateway-keys")).containsEntry("kafka-ca.crt", "-----BEGIN CERTIFICATE-----\n");
		assertThat(secrets.get("aiguillage-mongodb").get("referral-service-uri"))
			.startsWith("mongodb://referral-service:")
			.contains("/referral?");
	}

	@Test
	void scriptNeverReplacesKeysItWroteBefore() throws Exception {
		Path out = this.temporary.resolve("out");
		assertThat(run("--out", out.toString())).isZero();
		String first = Files.readString(out.resolve("secrets.yaml"));

		assertThat(run("--out", out.toString())).isEqualTo(1);

		assertThat(Files.readString(out.resolve("secrets.yaml"))).isEqualTo(first);
	}

	@Test
	void rotationAddsAnActiveVersionBesideTheEarlierOnesAndRetirementKeepsOnlyTheActiveOne() throws Exception {
		Path ca = Files.writeString(this.temporary.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\n");
		Path out = this.temporary.resolve("out");
		assertThat(run("--out", out.toString(), "--kafka-ca", ca.toString())).isZero();
		Map<String, Object> first = json(
				secrets(out.resolve("secrets.yaml")).get("waitlist-service-keys").get("keys.json"));
		Object firstVersion = first.get("activeKeyId");
		Object firstKey = map(first.get("dataEncryptionKeys")).get(firstVersion);

		assertThat(run("--out", out.toString(), "--rotate", "waitlist-service")).isZero();

		Map<String, String> rotatedSecret = secrets(out.resolve("waitlist-service-keys.yaml"))
			.get("waitlist-service-keys");
		assertThat(rotatedSecret).containsEntry("kafka-ca.crt", "-----BEGIN CERTIFICATE-----\n");
		assertThat(rotatedSecret.get("keys.json"))
			.isEqualTo(Files.readString(out.resolve("keys/waitlist-service-keys/keys.json")));
		Map<String, Object> rotated = json(rotatedSecret.get("keys.json"));
		Map<String, Object> versions = map(rotated.get("dataEncryptionKeys"));
		assertThat(rotated.get("activeKeyId")).isNotEqualTo(firstVersion);
		assertThat(versions).hasSize(2).containsEntry((String) firstVersion, firstKey);
		assertThat(Base64.getDecoder().decode((String) versions.get(rotated.get("activeKeyId")))).hasSize(32);
		assertThat(Files.getPosixFilePermissions(out.resolve("waitlist-service-keys.yaml")))
			.isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

		assertThat(run("--out", out.toString(), "--retire", "waitlist-service")).isZero();

		Map<String, Object> retired = json(
				secrets(out.resolve("waitlist-service-keys.yaml")).get("waitlist-service-keys").get("keys.json"));
		assertThat(retired.get("activeKeyId")).isEqualTo(rotated.get("activeKeyId"));
		assertThat(map(retired.get("dataEncryptionKeys"))).containsOnlyKeys((String) rotated.get("activeKeyId"));
		assertThat(run("--out", out.toString(), "--rotate", "matching-service")).isEqualTo(2);
	}

	private int run(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("scripts/k8s-secrets.sh").toString()));
		command.addAll(List.of(arguments));
		Process script = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.temporary.resolve("script.log").toFile())
			.start();
		assertThat(script.waitFor(120, TimeUnit.SECONDS)).isTrue();
		return script.exitValue();
	}

	// Secret name -> file or key -> content, from data (base64) and stringData.
	private static Map<String, Map<String, String>> secrets(Path file) throws IOException {
		Map<String, Map<String, String>> secrets = new TreeMap<>();
		for (Map<String, Object> document : documents(file)) {
			assertThat(document).containsEntry("kind", "Secret");
			Map<String, String> contents = new TreeMap<>();
			map(document.getOrDefault("data", Map.of())).forEach((key, value) -> contents.put(key,
					new String(Base64.getDecoder().decode((String) value), StandardCharsets.UTF_8)));
			map(document.getOrDefault("stringData", Map.of()))
				.forEach((key, value) -> contents.put(key, (String) value));
			secrets.put((String) map(document.get("metadata")).get("name"), contents);
		}
		return secrets;
	}

	// What the base's Deployments read from Secrets they do not get from Strimzi: the
	// files
	// their settings point to in the mounted keys volume, and the database URIs.
	private static Map<String, Set<String>> mountedSecretKeys() throws IOException {
		List<Map<String, Object>> manifests = new ArrayList<>();
		try (Stream<Path> files = Files.list(ROOT.resolve("deploy/k8s/base"))) {
			for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
				manifests.addAll(documents(file));
			}
		}
		Map<String, String> settings = new HashMap<>();
		manifests.stream()
			.filter(document -> "ConfigMap".equals(document.get("kind")))
			.forEach(document -> map(document.get("data")).forEach((key, value) -> settings.put(key, (String) value)));
		Map<String, Set<String>> mounted = new TreeMap<>();
		for (Map<String, Object> deployment : manifests) {
			if (!"Deployment".equals(deployment.get("kind"))) {
				continue;
			}
			Map<String, Object> pod = map(map(map(deployment.get("spec")).get("template")).get("spec"));
			Map<String, Object> container = map(((List<?>) pod.get("containers")).get(0));
			String keysSecret = ((List<?>) pod.get("volumes")).stream()
				.map(KubernetesSecretsScriptTests::map)
				.filter(volume -> "keys".equals(volume.get("name")))
				.map(volume -> (String) map(volume.get("secret")).get("secretName"))
				.findFirst()
				.orElseThrow();
			Set<String> files = mounted.computeIfAbsent(keysSecret, name -> new TreeSet<>());
			boolean usesBroker = false;
			for (Object entry : (List<?>) container.get("env")) {
				Map<String, Object> variable = map(entry);
				if (variable.get("value") instanceof String value && value.startsWith(KEYS_DIRECTORY)) {
					files.add(value.substring(KEYS_DIRECTORY.length()));
					if (variable.get("name").equals("REFERRAL_PRIVACY_KEYFILE")) {
						// The blind-index key is read from beside the data-encryption
						// keys.
						files.add("blind-index-key.json");
					}
				}
				if (variable.get("valueFrom") instanceof Map<?, ?> from && from.get("secretKeyRef") != null) {
					Map<String, Object> reference = map(from.get("secretKeyRef"));
					if ("password".equals(reference.get("key"))) {
						// Strimzi's KafkaUser Secret: this service logs in to the broker.
						usesBroker = true;
					}
					else {
						mounted.computeIfAbsent((String) reference.get("name"), name -> new TreeSet<>())
							.add((String) reference.get("key"));
					}
				}
			}
			if (usesBroker) {
				settings.values()
					.stream()
					.filter(value -> value.startsWith(KEYS_DIRECTORY))
					.forEach(value -> files.add(value.substring(KEYS_DIRECTORY.length())));
			}
		}
		return mounted;
	}

	private static List<Map<String, Object>> documents(Path file) throws IOException {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new Yaml().loadAll(Files.readString(file))) {
			if (document != null) {
				documents.add(map(document));
			}
		}
		return documents;
	}

	private static Map<String, Object> json(String text) {
		return map(new Yaml().load(text));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

}
