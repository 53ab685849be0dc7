package ca.aiguillage.waitlist.insight;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.matching.TherapistChangedV1;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import ca.aiguillage.waitlist.Wire;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

// Its own database: asking the heads of every line must not touch other tests' clients.
@ServiceIntegrationTest
@TestPropertySource(properties = { "spring.config.name=waitlist-service", "waitlist.timers.enabled=false",
		"waitlist.check-ins.head-of-line=3", "waitlist.check-ins.likely-start-within=P14D" })
class HeadOfLineCheckInsIntegrationTests extends RunningService {

	@Autowired
	HeadOfLineCheckIns headOfLine;

	@Test
	void firstThreeOfALineLikelyToMoveSoonAreAskedOnceAndTheRestOfTheQueueIsNot() {
		Instant now = Instant.now();
		String likely = "org-" + UUID.randomUUID().toString().substring(0, 8);
		String slow = "org-" + UUID.randomUUID().toString().substring(0, 8);
		// 60 places of 126-day therapies: a start every 2.1 days, the fourth in line
		// expected within 9 days.
		Wire.publish(this.kafka, new TherapistChangedV1("t-" + likely, likely, true, 60, 0, 0, now));
		// One place: the first in line is expected in 126 days.
		Wire.publish(this.kafka, new TherapistChangedV1("t-" + slow, slow, true, 1, 0, 0, now));
		List<String> line = List.of(waiting(likely, 40), waiting(likely, 30), waiting(likely, 20), waiting(likely, 10));
		String slowFirst = waiting(slow, 50);
		await().atMost(ofSeconds(20))
			.until(() -> this.http.get("/api/v1/queue/" + line.get(3) + "/predicted-start"),
					forecast -> "CAPACITY".equals(forecast.json("$.basis.method"))
							&& Integer.valueOf(60).equals(forecast.json("$.basis.places")));
		await().atMost(ofSeconds(20))
			.until(() -> this.http.get("/api/v1/queue/" + slowFirst + "/predicted-start"),
					forecast -> Integer.valueOf(1).equals(forecast.json("$.basis.places")));

		int asked = this.headOfLine.ask();
		int askedAgain = this.headOfLine.ask();

		assertThat(asked).isEqualTo(3);
		assertThat(askedAgain).isZero();
		for (String first : line.subList(0, 3)) {
			assertThat(await().atMost(ofSeconds(20))
				.until(() -> Wire.published(this.kafka, EventCatalog.CHECK_IN_DUE_V1, first),
						records -> !records.isEmpty()))
				.singleElement()
				.satisfies(record -> assertThat(record.value()).contains("\"trigger\":\"HEAD_OF_LINE\"",
						"\"sequence\":1"));
		}
		assertThat(Wire.published(this.kafka, EventCatalog.CHECK_IN_DUE_V1, line.get(3))).isEmpty();
		assertThat(Wire.published(this.kafka, EventCatalog.CHECK_IN_DUE_V1, slowFirst)).isEmpty();
	}

	private String waiting(String organization, int daysAgo) {
		return WaitingClients.waiting(this.kafka, this.http, organization, "clsc-a",
				Instant.now().minus(Duration.ofDays(daysAgo)), null);
	}

}
