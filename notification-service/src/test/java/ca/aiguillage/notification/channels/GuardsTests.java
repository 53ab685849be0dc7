package ca.aiguillage.notification.channels;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class GuardsTests {

	private final Guards guards = new Guards(new ChannelSettings.Retry(3, Duration.ofMillis(1), 2),
			new ChannelSettings.CircuitBreaker(50, 4, Duration.ofMinutes(1)), Clock.systemUTC());

	@Test
	void transientFailureIsRetriedAndEveryAttemptRecorded() {
		AtomicInteger calls = new AtomicInteger();
		List<Guards.Attempt> attempts = new ArrayList<>();

		String result = this.guards.call("provider-a", () -> {
			if (calls.incrementAndGet() < 3) {
				throw new ChannelFailure(false, "SMS_503");
			}
			return "ok";
		}, attempts);

		assertThat(result).isEqualTo("ok");
		assertThat(attempts).extracting(Guards.Attempt::outcome).containsExactly("SMS_503", "SMS_503", "OK");
	}

	@Test
	void permanentFailureIsNotRetried() {
		List<Guards.Attempt> attempts = new ArrayList<>();

		assertThatExceptionOfType(ChannelFailure.class).isThrownBy(() -> this.guards.call("provider-b", () -> {
			throw new ChannelFailure(true, "SMS_400 21211");
		}, attempts)).satisfies(failure -> assertThat(failure.permanent()).isTrue());
		assertThat(attempts).hasSize(1);
	}

	@Test
	void noRetryStartsThatCouldOutliveTheSendersWindow() {
		AtomicInteger calls = new AtomicInteger();
		List<Guards.Attempt> attempts = new ArrayList<>();

		assertThatExceptionOfType(ChannelFailure.class).isThrownBy(() -> SendWindow
			.within(Guards.LONGEST_ATTEMPT.minusSeconds(1), () -> this.guards.call("provider-c", () -> {
				calls.incrementAndGet();
				throw new ChannelFailure(false, "SMS_503");
			}, attempts)))
			.satisfies(failure -> assertThat(failure.permanent()).isFalse())
			.satisfies(failure -> assertThat(failure.reason()).isEqualTo("SMS_503"));
		assertThat(calls).hasValue(1);
		assertThat(attempts).extracting(Guards.Attempt::outcome).containsExactly("SMS_503");
	}

	@Test
	void unconfirmedSendIsNeverRetried() {
		AtomicInteger calls = new AtomicInteger();

		assertThatExceptionOfType(UnconfirmedSend.class).isThrownBy(() -> this.guards.call("provider-d", () -> {
			calls.incrementAndGet();
			throw new UnconfirmedSend(EmailChannel.UNCONFIRMED, new java.net.SocketTimeoutException("Read timed out"));
		}, new ArrayList<>()));
		assertThat(calls).hasValue(1);
	}

	@Test
	void breakerOpensForOneProviderOnlyAfterRepeatedFailures() {
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(ChannelFailure.class).isThrownBy(() -> this.guards.call("webhook:slow", () -> {
				throw new ChannelFailure(false, "WEBHOOK_503");
			}, new ArrayList<>()));
		}
		List<Guards.Attempt> attempts = new ArrayList<>();

		assertThatExceptionOfType(ChannelFailure.class)
			.isThrownBy(() -> this.guards.call("webhook:slow", () -> "never called", attempts))
			.withMessageContaining("CIRCUIT_OPEN");
		assertThat(this.guards.state("webhook:slow")).isEqualTo("OPEN");
		assertThat(this.guards.state("webhook:quick")).isEqualTo("CLOSED");
		assertThat(this.guards.call("webhook:quick", () -> "ok", new ArrayList<>())).isEqualTo("ok");
	}

}
