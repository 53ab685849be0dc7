package ca.aiguillage.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ca.aiguillage.contracts.Topics;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests as kubectl renders them (deploy/k8s, Kustomize base and
 * overlays): every service is deployed with its probes, resources and Service; every
 * topic is declared with its partitions, replication and retention; no service can run
 * more instances than the partitions it reads.
 */
class KubernetesManifestsTests {

	private static final List<String> SERVICES = List.of("authorization-server", "referral-service", "matching-service",
			"waitlist-service", "notification-service", "fhir-gateway");

	@ParameterizedTest
	@ValueSource(strings = { "local", "production" })
	void everyServiceIsDeployedWithProbesResourcesAndAService(String overlay) {
		List<Map<String, Object>> rendered = render(overlay);

		for (String service : SERVICES) {
			Map<String, Object> deployment = find(rendered, "Deployment", service);
			Map<String, Object> container = first(
					list(map(map(map(deployment, "spec"), "template"), "spec").get("containers")));
			assertThat(map(map(container, "livenessProbe"), "httpGet").get("path")).as(service)
				.isEqualTo("/actuator/health/liveness");
			assertThat(map(map(container, "readinessProbe"), "httpGet").get("path")).as(service)
				.isEqualTo("/actuator/health/readiness");
			assertThat(map(map(container, "resources"), "requests")).as(service).containsKeys("cpu", "memory");
			assertThat(map(map(container, "resources"), "limits")).as(service).containsKey("memory");
			assertThat(map(container, "securityContext")).as(service)
				.containsEntry("readOnlyRootFilesystem", true)
				.containsEntry("allowPrivilegeEscalation", false);
			assertThat(container.get("image").toString()).as(service).startsWith("aiguillage/" + service + ":");
			assertThat(find(rendered, "Service", service)).as(service).isNotNull();
			assertThat(find(rendered, "PodDisruptionBudget", service)).as(service).isNotNull();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "local", "production" })
	void noServiceTakesItsSettingsFromASecretStrimziWritesForAKafkaUser(String overlay) {
		List<Map<String, Object>> rendered = render(overlay);
		List<String> kafkaUsers = rendered.stream()
			.filter(document -> "KafkaUser".equals(document.get("kind")))
			.map(document -> map(document, "metadata").get("name").toString())
			.toList();

		for (String service : SERVICES) {
			Map<String, Object> container = first(
					list(map(map(map(find(rendered, "Deployment", service), "spec"), "template"), "spec")
						.get("containers")));
			List<String> settingsSecrets = KubernetesManifestsTests.<Map<String, Object>>list(container.get("envFrom"))
				.stream()
				.filter(source -> source.containsKey("secretRef"))
				.map(source -> map(source, "secretRef").get("name").toString())
				.toList();
			assertThat(settingsSecrets).as(service).containsExactly(service + "-settings");
			assertThat(settingsSecrets).as(service).doesNotContainAnyElementsOf(kafkaUsers);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "local", "production" })
	void everyServiceLogsJsonLines(String overlay) {
		List<Map<String, Object>> rendered = render(overlay);

		assertThat(map(find(rendered, "ConfigMap", "aiguillage-settings"), "data"))
			.containsEntry("AIGUILLAGE_LOG_FORMAT", "json");
		Map<String, Object> authorization = first(
				list(map(map(map(find(rendered, "Deployment", "authorization-server"), "spec"), "template"), "spec")
					.get("containers")));
		assertThat(list(authorization.get("env")))
			.contains(Map.of("name", "LOGGING_STRUCTURED_FORMAT_CONSOLE", "value", "ecs"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "local", "production" })
	void everyEventTopicIsDeclaredAndInboundTopicsKeepSevenDays(String overlay) {
		List<Map<String, Object>> rendered = render(overlay);
		int copies = overlay.equals("production") ? 3 : 1;

		for (String topic : List.of(Topics.REFERRAL_EVENTS, Topics.MATCHING_EVENTS, Topics.WAITLIST_EVENTS,
				Topics.NOTIFICATION_EVENTS, Topics.inboundOf("example-partner"))) {
			Map<String, Object> declared = rendered.stream()
				.filter(document -> "KafkaTopic".equals(document.get("kind")))
				.filter(document -> topic.equals(map(document, "spec").get("topicName")))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no KafkaTopic for " + topic));
			assertThat(map(declared, "spec")).as(topic)
				.containsEntry("partitions", 6)
				.containsEntry("replicas", copies);
		}
		Map<String, Object> inbound = find(rendered, "KafkaTopic", "referrals-inbound-example-partner");
		assertThat(map(map(inbound, "spec"), "config")).containsEntry("retention.ms", "604800000");
	}

	@ParameterizedTest
	@ValueSource(strings = { "local", "production" })
	void everyServiceThatUsesTheBrokerHasItsOwnPrincipalAllowedItsOwnTopicsOnly(String overlay) {
		List<Map<String, Object>> rendered = render(overlay);

		for (String service : SERVICES.subList(1, SERVICES.size())) {
			Map<String, Object> user = find(rendered, "KafkaUser", service);
			List<Map<String, Object>> acls = list(map(map(user, "spec"), "authorization").get("acls"));
			List<String> written = new ArrayList<>();
			for (Map<String, Object> acl : acls) {
				Map<String, Object> resource = map(acl, "resource");
				if ("topic".equals(resource.get("type")) && list(acl.get("operations")).contains("Write")
						&& !"error.".equals(resource.get("name"))) {
					written.add(resource.get("name").toString());
				}
			}
			assertThat(written).as(service + " writes only its own topic")
				.hasSizeLessThanOrEqualTo(1)
				.allMatch(topic -> topic.startsWith(service.replace("-service", "")));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "production" })
	void noServiceScalesPastThePartitionsItReads(String overlay) {
		List<Map<String, Object>> rendered = render(overlay);

		for (Map<String, Object> autoscaler : rendered.stream()
			.filter(document -> "HorizontalPodAutoscaler".equals(document.get("kind")))
			.toList()) {
			assertThat((Integer) map(autoscaler, "spec").get("maxReplicas"))
				.as(map(autoscaler, "metadata").get("name").toString())
				.isLessThanOrEqualTo(6);
		}
		for (String service : SERVICES) {
			assertThat((Integer) map(find(rendered, "Deployment", service), "spec").get("replicas")).as(service)
				.isBetween(2, 6);
		}
	}

	private static List<Map<String, Object>> render(String overlay) {
		Path directory = Path.of("..", "deploy", "k8s", "overlays", overlay);
		try {
			Process kubectl = new ProcessBuilder("kubectl", "kustomize", directory.toString())
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
			String yaml = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(kubectl.exitValue()).as("kubectl kustomize " + directory).isZero();
			List<Map<String, Object>> documents = new ArrayList<>();
			for (Object document : new Yaml().loadAll(yaml)) {
				if (document != null) {
					documents.add(map(document));
				}
			}
			return documents;
		}
		catch (IOException ex) {
			Assumptions.abort("kubectl is not installed here: " + ex.getMessage());
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, Object> find(List<Map<String, Object>> rendered, String kind, String name) {
		return rendered.stream()
			.filter(document -> kind.equals(document.get("kind")))
			.filter(document -> name.equals(map(document, "metadata").get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	private static Map<String, Object> map(Map<String, Object> parent, String key) {
		assertThat(parent).containsKey(key);
		return map(parent.get(key));
	}

	@SuppressWarnings("unchecked")
	private static <T> List<T> list(Object value) {
		return (List<T>) value;
	}

	private static <T> T first(List<T> values) {
		assertThat(values).isNotEmpty();
		return values.get(0);
	}

}
