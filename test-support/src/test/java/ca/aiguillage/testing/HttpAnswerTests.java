package ca.aiguillage.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class HttpAnswerTests {

	@Test
	void propertyNotYetInTheAnswerIsAwaitedAgainLikeAnyUnmetAssertion() {
		List<String> bodies = List.of("{\"status\":\"accepted\"}", "{\"status\":\"accepted\"}",
				"{\"status\":\"accepted\",\"owner\":{\"reference\":\"Organization/org-laval\"}}");
		AtomicInteger reads = new AtomicInteger();

		await().pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			Http.Answer answer = new Http.Answer(200, Map.of(), bodies.get(Math.min(reads.getAndIncrement(), 2)));
			assertThat(answer.<String>json("$.owner.reference")).isEqualTo("Organization/org-laval");
		});

		assertThat(reads).hasValue(3);
	}

	@Test
	void missingPropertyFailsWithThePathAndTheAnswerItWasLookedFor() {
		Http.Answer answer = new Http.Answer(200, Map.of(), "{\"status\":\"accepted\"}");

		assertThatThrownBy(() -> answer.json("$.owner.reference")).isInstanceOf(AssertionError.class)
			.hasMessageContaining("$.owner.reference")
			.hasMessageContaining("{\"status\":\"accepted\"}");
	}

	@Test
	void answerThatIsNotJsonFailsAsAnAssertion() {
		UserAgent.Answer answer = new UserAgent.Answer(503, "<html>Service Unavailable</html>", null, List.of());

		assertThatThrownBy(() -> answer.json("$.status")).isInstanceOf(AssertionError.class)
			.hasMessageContaining("Service Unavailable");
	}

}
