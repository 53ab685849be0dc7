package ca.aiguillage.notification.budgets;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import ca.aiguillage.testing.EmbeddedMongoServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The budgets on the embedded MongoDB wire-protocol server, as the service uses them. */
class MessageBudgetsTests {

	private static final Instant TEN_PAST = Instant.parse("2026-12-03T17:10:00Z");

	private final MongoClient client = MongoClients.create(EmbeddedMongoServer.uri());

	private final MongoTemplate mongo = new MongoTemplate(this.client, "budgets-" + UUID.randomUUID());

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final MessageBudgets budgets = new MessageBudgets(this.mongo, new BudgetSettings(2, 3), this.meters);

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void aDestinationGetsItsHourlyBudgetThenItsMessagesWaitUntilTheNextHour() {
		assertThat(this.budgets.take("SMS", "hash-a", TEN_PAST)).isEmpty();
		assertThat(this.budgets.take("SMS", "hash-a", TEN_PAST.plusSeconds(60))).isEmpty();

		assertThat(this.budgets.take("SMS", "hash-a", TEN_PAST.plusSeconds(120)))
			.contains(MessageBudgets.DESTINATION_REACHED);
		assertThat(this.budgets.take("SMS", "hash-a", TEN_PAST.plus(Duration.ofMinutes(50)))).isEmpty();
	}

	@Test
	void theSameHashOnAnotherChannelIsAnotherDestination() {
		this.budgets.take("SMS", "hash-a", TEN_PAST);
		this.budgets.take("SMS", "hash-a", TEN_PAST);

		assertThat(this.budgets.take("EMAIL", "hash-a", TEN_PAST)).isEmpty();
	}

	@Test
	void theGlobalBudgetHoldsEveryDestinationOnceReachedAndGivesBackTheDestinationsShare() {
		assertThat(this.budgets.take("SMS", "hash-a", TEN_PAST)).isEmpty();
		assertThat(this.budgets.take("SMS", "hash-b", TEN_PAST)).isEmpty();
		assertThat(this.budgets.take("SMS", "hash-c", TEN_PAST)).isEmpty();

		assertThat(this.budgets.take("SMS", "hash-d", TEN_PAST)).contains(MessageBudgets.GLOBAL_REACHED);
		assertThat(this.budgets.take("SMS", "hash-d", TEN_PAST.plus(Duration.ofHours(1)))).isEmpty();
		assertThat(this.budgets.take("SMS", "hash-d", TEN_PAST.plus(Duration.ofHours(1)))).isEmpty();
	}

	@Test
	void eachHoldIsCountedInTheMetricByBudgetAndChannel() {
		this.budgets.take("EMAIL", "hash-a", TEN_PAST);
		this.budgets.take("EMAIL", "hash-a", TEN_PAST);
		this.budgets.take("EMAIL", "hash-a", TEN_PAST);
		this.budgets.take("EMAIL", "hash-b", TEN_PAST);
		this.budgets.take("EMAIL", "hash-c", TEN_PAST);

		assertThat(
				this.meters.counter(MessageBudgets.REACHED_METRIC, "budget", "destination", "channel", "EMAIL").count())
			.isEqualTo(1);
		assertThat(this.meters.counter(MessageBudgets.REACHED_METRIC, "budget", "global", "channel", "EMAIL").count())
			.isEqualTo(1);
	}

	@Test
	void aZeroBudgetHoldsEverything() {
		MessageBudgets closed = new MessageBudgets(this.mongo, new BudgetSettings(0, 10), this.meters);

		assertThat(closed.take("SMS", "hash-z", TEN_PAST)).contains(MessageBudgets.DESTINATION_REACHED);
	}

}
