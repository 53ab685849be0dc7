package ca.aiguillage.localstack;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.aiguillage.testing.Http;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operators' dashboard and alert rules (deploy/grafana, deploy/prometheus-alerts.yml)
 * name only metrics the running services export, so that no panel stays empty and no
 * alert can never fire.
 */
final class MetricsJourney {

	/** Metrics Prometheus makes itself, not a service. */
	private static final Set<String> PROMETHEUS_OWN = Set.of("up");

	private static final Pattern LABELS = Pattern.compile("\\{[^}]*}");

	private static final Pattern GROUPING = Pattern.compile("\\b(by|without)\\s*\\([^)]*\\)");

	private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");

	private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(?=\\s*(\\(?))");

	private MetricsJourney() {
	}

	static void dashboardAndAlertsNameOnlyExportedMetrics(LocalStack stack) throws IOException {
		Set<String> exported = new TreeSet<>();
		List<Integer> ports = new ArrayList<>(List.of(stack.authorizationPort(), stack.fhirPort()));
		for (int service = 0; service < 4; service++) {
			ports.add(stack.port(service));
		}
		for (int port : ports) {
			Http.Answer scraped = Http.localhost(port).get("/actuator/prometheus");
			assertThat(scraped.status()).as("metrics of the service on port " + port).isEqualTo(200);
			scraped.body()
				.lines()
				.filter(line -> !line.isBlank() && !line.startsWith("#"))
				.map(line -> line.split("[{ ]", 2)[0])
				.forEach(exported::add);
		}

		List<String> queries = new ArrayList<>(dashboardQueries());
		queries.addAll(alertQueries());

		assertThat(queries).hasSizeGreaterThan(15);
		for (String query : queries) {
			assertThat(metricsOf(query)).as(query)
				.isNotEmpty()
				.allSatisfy(metric -> assertThat(exported.contains(metric) || PROMETHEUS_OWN.contains(metric))
					.as("%s (in %s) is exported by a service", metric, query)
					.isTrue());
		}
	}

	/** The metric names of a PromQL expression: not its functions, labels or keywords. */
	static Set<String> metricsOf(String query) {
		String bare = RANGE.matcher(GROUPING.matcher(LABELS.matcher(query).replaceAll(" ")).replaceAll(" "))
			.replaceAll(" ");
		Set<String> metrics = new TreeSet<>();
		Matcher identifier = IDENTIFIER.matcher(bare);
		while (identifier.find()) {
			boolean function = !identifier.group(1).isEmpty();
			if (!function && !identifier.group().matches("and|or|unless|offset|bool|on|ignoring")) {
				metrics.add(identifier.group());
			}
		}
		return metrics;
	}

	private static List<String> dashboardQueries() throws IOException {
		JsonNode dashboard = JsonMapper.builder()
			.build()
			.readTree(Files.readString(Path.of("..", "deploy", "grafana", "dashboards", "aiguillage.json")));
		List<String> queries = new ArrayList<>();
		for (JsonNode panel : dashboard.get("panels")) {
			for (JsonNode target : panel.get("targets")) {
				queries.add(target.get("expr").asString());
			}
		}
		return queries;
	}

	@SuppressWarnings("unchecked")
	private static List<String> alertQueries() throws IOException {
		try (Reader reader = Files.newBufferedReader(Path.of("..", "deploy", "prometheus-alerts.yml"))) {
			Map<String, Object> rules = new Yaml().load(reader);
			List<String> queries = new ArrayList<>();
			for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
				for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
					queries.add(rule.get("expr").toString());
				}
			}
			return queries;
		}
	}

}
