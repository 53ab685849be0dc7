package ca.aiguillage.contracts.waitlist;

import java.time.Instant;

import ca.aiguillage.contracts.waitlist.ReferralLeftQueueV2.ClosedBy;
import ca.aiguillage.contracts.waitlist.ReferralLeftQueueV2.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReferralLeftQueueTests {

	@ParameterizedTest
	@EnumSource(ReferralLeftQueueV1.Outcome.class)
	void everyFirstVersionOutcomeKeepsItsNameInTheSecond(ReferralLeftQueueV1.Outcome outcome) {
		assertThat(Outcome.of(outcome).name()).isEqualTo(outcome.name());
	}

	@Test
	void firstVersionExitReadsAsACoordinatorsExit() {
		Instant leftAt = Instant.parse("2026-11-21T09:00:00Z");

		ReferralLeftQueueV2 read = ReferralLeftQueueV2
			.of(new ReferralLeftQueueV1("r-1", ReferralLeftQueueV1.Outcome.UNREACHABLE, leftAt));

		assertThat(read).isEqualTo(new ReferralLeftQueueV2("r-1", Outcome.UNREACHABLE, ClosedBy.COORDINATOR, leftAt));
	}

}
