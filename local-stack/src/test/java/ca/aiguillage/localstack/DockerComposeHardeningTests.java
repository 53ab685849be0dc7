package ca.aiguillage.localstack;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What docker-compose.yml exposes, read as the Compose file it is: only the TLS proxy
 * listens on the host network, and no secret has a value anyone can read here.
 */
class DockerComposeHardeningTests {

	private static final Path COMPOSE = Path.of("..", "docker-compose.yml");

	// Names that hold a secret: their value must come from .env (written by
	// deploy/setup.sh).
	private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|AUTHTOKEN|KEY)$");

	@Test
	void onlyTheReverseProxyPublishesPortsOnTheHostNetwork() throws IOException {
		Map<String, Map<String, Object>> services = services();

		assertThat(services).containsKey("proxy");
		services.forEach((name, service) -> {
			if (!name.equals("proxy")) {
				assertThat(service).as(name + " publishes no port: only the proxy is reachable")
					.doesNotContainKey("ports");
			}
		});
		assertThat(services.get("proxy").get("image").toString()).startsWith("caddy:").doesNotEndWith(":latest");
	}

	@Test
	void mailpitAndPrometheusAreReachedOnlyInsideTheNetworkOrOnLoopback() throws IOException {
		Map<String, Map<String, Object>> services = services();

		for (String internal : List.of("mailpit", "prometheus", "grafana", "jaeger", "mongo", "kafka")) {
			assertThat(services).containsKey(internal);
			assertThat(services.get(internal)).as(internal).doesNotContainKey("ports");
		}
	}

	@Test
	void everyPageAndApiIsServedThroughTheProxyOverTls() throws IOException {
		Map<String, Map<String, Object>> services = services();
		String caddyfile = Files.readString(Path.of("..", "deploy", "Caddyfile"));

		for (String upstream : List.of("authorization-server:9000", "referral-service:8081", "matching-service:8082",
				"waitlist-service:8083", "notification-service:8084", "fhir-gateway:8085")) {
			assertThat(caddyfile).contains("reverse_proxy " + upstream);
		}
		assertThat(caddyfile).doesNotContain("http://{");
		assertThat(environment(services.get("authorization-server")).get("AIGUILLAGE_AUTHORIZATION_ISSUER"))
			.startsWith("https://");
		// The caseload's links to the console's referral pages go through the proxy too.
		assertThat(environment(services.get("matching-service")).get("MATCHING_PAGES_CONSOLEURL"))
			.isEqualTo("https://${AIGUILLAGE_DOMAIN:-localhost}:8083");
	}

	@Test
	void noSecretHasAValueInTheComposeFile() throws IOException {
		services().forEach((name, service) -> environment(service).forEach((variable, value) -> {
			if (SECRET_NAME.matcher(variable).matches()) {
				assertThat(value).as(name + " " + variable + " comes from .env, with no default")
					.matches("\\$\\{[A-Z0-9_]+(:\\?[^}]*|:-)?}");
			}
		}));
	}

	@Test
	void mongoDbRequiresAuthenticationAndTheServicesUseIt() throws IOException {
		Map<String, Map<String, Object>> services = services();

		Map<String, String> mongo = environment(services.get("mongo"));
		assertThat(mongo).containsKeys("MONGO_INITDB_ROOT_USERNAME", "MONGO_INITDB_ROOT_PASSWORD");
		assertThat(services.get("mongo").get("command").toString()).contains("--keyFile");
		assertThat(environment(services.get("referral-service")).get("SPRING_MONGODB_URI")).contains("${MONGO_PASSWORD")
			.contains("@mongo:27017");
	}

	@Test
	void actuatorAnswersOnAManagementPortThatIsNotProxied() throws IOException {
		Map<String, Map<String, Object>> services = services();
		String caddyfile = Files.readString(Path.of("..", "deploy", "Caddyfile"));

		for (String service : List.of("referral-service", "matching-service", "waitlist-service",
				"notification-service", "fhir-gateway")) {
			assertThat(environment(services.get(service))).containsEntry("MANAGEMENT_SERVER_PORT", "8090");
		}
		assertThat(caddyfile).doesNotContain(":8090");
	}

	@Test
	void everyServiceAndTheAuthorizationServerLogJsonLines() throws IOException {
		Map<String, Map<String, Object>> services = services();

		for (String service : List.of("referral-service", "matching-service", "waitlist-service",
				"notification-service", "fhir-gateway")) {
			assertThat(environment(services.get(service))).containsEntry("AIGUILLAGE_LOG_FORMAT", "json");
		}
		assertThat(environment(services.get("authorization-server"))).containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE",
				"ecs");
	}

	@Test
	void prometheusLoadsTheAlertRulesAndScrapesEveryServiceAndGrafanaShowsTheDashboard() throws IOException {
		Map<String, Map<String, Object>> services = services();
		String prometheus = Files.readString(Path.of("..", "deploy", "prometheus.yml"));

		assertThat(services.get("prometheus").get("volumes").toString())
			.contains("./deploy/prometheus-alerts.yml:/etc/prometheus/alerts.yml:ro");
		assertThat(prometheus).contains("/etc/prometheus/alerts.yml");
		for (String service : List.of("referral-service", "matching-service", "waitlist-service",
				"notification-service", "fhir-gateway", "authorization-server")) {
			assertThat(prometheus).contains(service + ":8090");
		}
		assertThat(services.get("grafana").get("volumes").toString())
			.contains("./deploy/grafana/provisioning:/etc/grafana/provisioning:ro")
			.contains("./deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro");
		assertThat(Path.of("..", "deploy", "grafana", "dashboards", "aiguillage.json")).exists();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> services() throws IOException {
		try (Reader reader = Files.newBufferedReader(COMPOSE)) {
			Map<String, Object> compose = new Yaml().load(reader);
			return (Map<String, Map<String, Object>>) compose.get("services");
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> environment(Map<String, Object> service) {
		Object environment = service.get("environment");
		if (environment == null) {
			return Map.of();
		}
		Map<String, String> values = new java.util.LinkedHashMap<>();
		((Map<String, Object>) environment).forEach((name, value) -> values.put(name, String.valueOf(value)));
		return values;
	}

}
