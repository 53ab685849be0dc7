package ca.aiguillage.platform.deadletters;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.aiguillage.contracts.waitlist.ReprioritisedV1;
import ca.aiguillage.platform.PlatformIntegrationTest;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.KafkaProbe;
import ca.aiguillage.testing.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@PlatformIntegrationTest
class DeadLetterMetricsIntegrationTests {

	private static final String PATH = "/api/v1/admin/dead-letters";

	@LocalServerPort
	int port;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	MeterRegistry meters;

	@Test
	void deadLettersWaitingForAnAdministratorAreCountedAndADiscardedOneIsNot() {
		String eventId = UUID.randomUUID().toString();
		Map<String, String> headers = new HashMap<>(
				KafkaProbe.cloudEventHeaders(eventId, ReprioritisedV1.TYPE, "ref-metrics"));
		headers.put("x-original-topic", "probe.events");
		headers.put("x-exception-fqcn", "ca.aiguillage.platform.events.MalformedEventException");
		new KafkaProbe(this.broker.getBrokersAsString()).send("error.probe.events.platform-tests", "ref-metrics", "{}",
				headers);
		String id = await().atMost(Duration.ofSeconds(15))
			.until(() -> admin().get(PATH).<List<String>>json("$[?(@.eventId == '" + eventId + "')].id"),
					ids -> ids.size() == 1)
			.get(0);
		await().atMost(Duration.ofSeconds(15)).until(() -> open() == waiting());

		int before = open();
		admin().call("POST", PATH + "/" + id + "/discard", "{\"reason\":\"Sent by a test\"}");

		await().atMost(Duration.ofSeconds(15)).until(() -> open() == before - 1);
		assertThat(open()).isEqualTo(waiting());
	}

	private int open() {
		return (int) this.meters.get(DeadLetterMetrics.OPEN).gauge().value();
	}

	private int waiting() {
		return admin().get(PATH).<List<Object>>json("$[?(@.action == null)]").size();
	}

	private Http admin() {
		return Http.localhost(this.port).withToken(TestIssuer.get().admin());
	}

}
