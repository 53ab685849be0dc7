package ca.aiguillage.fhir.subscription;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationRetryTests {

	private static final Instant COUNTED = Instant.parse("2026-12-04T13:05:00Z");

	private final SubscriptionSettings.Retry retry = new SubscriptionSettings.Retry(Duration.ofSeconds(30),
			Duration.ofMinutes(30), Duration.ofHours(24), Duration.ofSeconds(1));

	@Test
	void eachWaitIsAsLongAsTheNotificationAlreadyWaitedBetweenTheFirstAndTheLongestBackoff() {
		assertThat(this.retry.nextAttempt(COUNTED, COUNTED.plusSeconds(1))).isEqualTo(COUNTED.plusSeconds(31));
		assertThat(this.retry.nextAttempt(COUNTED, COUNTED.plusSeconds(120))).isEqualTo(COUNTED.plusSeconds(240));
		assertThat(this.retry.nextAttempt(COUNTED, COUNTED.plus(Duration.ofHours(2))))
			.isEqualTo(COUNTED.plus(Duration.ofHours(2)).plus(Duration.ofMinutes(30)));
	}

	@Test
	void theLastTryIsAtTheDeadlineAfterWhichItIsPassed() {
		Instant late = COUNTED.plus(Duration.ofHours(24)).minusSeconds(60);

		assertThat(this.retry.nextAttempt(COUNTED, late)).isEqualTo(COUNTED.plus(Duration.ofHours(24)));
		assertThat(this.retry.passed(COUNTED, late)).isFalse();
		assertThat(this.retry.passed(COUNTED, COUNTED.plus(Duration.ofHours(24)))).isTrue();
	}

}
