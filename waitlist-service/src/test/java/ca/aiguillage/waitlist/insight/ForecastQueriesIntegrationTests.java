package ca.aiguillage.waitlist.insight;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import ca.aiguillage.contracts.matching.TherapistChangedV1;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import ca.aiguillage.waitlist.Wire;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The predicted start is asked for each acknowledgement a client receives: it must not
 * read the whole queue or every therapist's places (the embedded store scans the
 * collection for any query not by {@code _id}, so the cost would grow with every referral
 * ever stored).
 */
@ServiceIntegrationTest
@Import(ForecastQueriesIntegrationTests.Recording.class)
@TestPropertySource(properties = { "spring.config.name=waitlist-service", "waitlist.timers.enabled=false" })
class ForecastQueriesIntegrationTests extends RunningService {

	@TestConfiguration(proxyBeanMethods = false)
	static class Recording {

		@Bean
		QueueQueries queueQueries() {
			return new QueueQueries();
		}

		@Bean
		MongoClientSettingsBuilderCustomizer recordQueueQueries(QueueQueries queries) {
			return settings -> settings.addCommandListener(queries);
		}

	}

	@Autowired
	QueueQueries queries;

	@Test
	void predictedStartsAreWorkedOutWithoutQueryingTheQueueOrThePlaces() {
		String organization = "org-" + UUID.randomUUID().toString().substring(0, 8);
		Instant now = Instant.now();
		Wire.publish(this.kafka, new TherapistChangedV1("t-" + organization, organization, true, 2, 0, 0, now));
		List<String> waiting = List.of(waiting(organization, now.minus(Duration.ofDays(30))),
				waiting(organization, now.minus(Duration.ofDays(20))),
				waiting(organization, now.minus(Duration.ofDays(10))));
		// The first forecast may fill what the service keeps in memory from the store.
		await().atMost(ofSeconds(20))
			.until(() -> this.http.get("/api/v1/queue/" + waiting.getFirst() + "/predicted-start"),
					answer -> answer.status() == 200 && "CAPACITY".equals(answer.json("$.basis.method")));
		this.queries.clear();

		for (int place = 0; place < waiting.size(); place++) {
			Http.Answer forecast = this.http.get("/api/v1/queue/" + waiting.get(place) + "/predicted-start");
			assertThat(forecast.<Integer>json("$.basis.position")).isEqualTo(place + 1);
			assertThat(forecast.<Integer>json("$.basis.places")).isEqualTo(2);
		}

		assertThat(this.queries.scansOf("queue")).isEmpty();
		assertThat(this.queries.scansOf("therapist_places")).isEmpty();
	}

	private String waiting(String organization, Instant registered) {
		return WaitingClients.waiting(this.kafka, this.http, organization, "clsc-a", registered, null);
	}

}
