package ca.aiguillage.localstack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How the dashboard check reads a PromQL query: metric names only. */
class MetricQueriesTests {

	@Test
	void functionsLabelsGroupingAndRangesAreNotMetrics() {
		assertThat(MetricsJourney.metricsOf(
				"histogram_quantile(0.99, sum by (le, application) (rate(http_server_requests_seconds_bucket{status=~\"5..\"}[5m]))) > 0.5"))
			.containsExactly("http_server_requests_seconds_bucket");
		assertThat(MetricsJourney.metricsOf("sum(increase(a_total[1h])) / sum(b_count) and up == 0"))
			.containsExactly("a_total", "b_count", "up");
	}

}
