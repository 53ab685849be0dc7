package ca.aiguillage.waitlist.insight;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import ca.aiguillage.waitlist.queue.Step;
import ca.aiguillage.waitlist.queue.StepKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientWaitTests {

	static final Instant REGISTERED = Instant.parse("2026-06-01T14:00:00Z");

	@Test
	void waitWithoutDeclineOrExpiryHasNoClientDelay() {
		ClientWait wait = ClientWait.of(REGISTERED, day(40),
				List.of(step(0, "SUBMITTED"), step(30, "PROPOSAL_MADE"), step(32, "PROPOSAL_CONFIRMED")));

		assertThat(wait.total()).isEqualTo(Duration.ofDays(40));
		assertThat(wait.clientDelay()).isZero();
		assertThat(wait.delayedByClient()).isFalse();
	}

	@Test
	void declinedProposalCountsUntilTheNextProposal() {
		ClientWait wait = ClientWait.of(REGISTERED, day(80), List.of(step(0, "SUBMITTED"), step(5, "PROPOSAL_MADE"),
				step(10, "PROPOSAL_DECLINED"), step(70, "PROPOSAL_MADE"), step(72, "PROPOSAL_CONFIRMED")));

		assertThat(wait.clientDelay()).isEqualTo(Duration.ofDays(60));
		assertThat(wait.withoutClientDelay()).isEqualTo(Duration.ofDays(20));
	}

	@Test
	void expiredProposalCountsUntilAnOverrideToo() {
		ClientWait wait = ClientWait.of(REGISTERED, day(50), List.of(step(5, "PROPOSAL_MADE"),
				step(12, "PROPOSAL_EXPIRED"), step(20, "PROPOSAL_OVERRIDDEN"), step(21, "PROPOSAL_MADE")));

		assertThat(wait.clientDelay()).isEqualTo(Duration.ofDays(8));
	}

	@Test
	void declineWithNoLaterProposalCountsUntilTheFirstSession() {
		ClientWait wait = ClientWait.of(REGISTERED, day(30),
				List.of(step(5, "PROPOSAL_MADE"), step(10, "PROPOSAL_DECLINED"), step(30, "THERAPY_STARTED")));

		assertThat(wait.clientDelay()).isEqualTo(Duration.ofDays(20));
	}

	@Test
	void declinesAfterTheFirstSessionDoNotCount() {
		ClientWait wait = ClientWait.of(REGISTERED, day(30), List.of(step(5, "PROPOSAL_MADE"),
				step(30, "THERAPY_STARTED"), step(60, "PROPOSAL_DECLINED"), step(90, "PROPOSAL_MADE")));

		assertThat(wait.clientDelay()).isZero();
	}

	@Test
	void unansweredCheckInIsNotAClientDelay() {
		ClientWait wait = ClientWait.of(REGISTERED, day(70), List.of(step(1, "NO_MATCH"), step(31, "CHECK_IN_DUE"),
				step(61, "CHECK_IN_DUE"), step(65, "PROPOSAL_MADE")));

		assertThat(wait.clientDelay()).isZero();
	}

	private static Instant day(int days) {
		return REGISTERED.plus(Duration.ofDays(days));
	}

	private static Step step(int days, String what) {
		return new Step(day(days), StepKind.valueOf(what), null, null);
	}

}
