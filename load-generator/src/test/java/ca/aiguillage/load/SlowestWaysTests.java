package ca.aiguillage.load;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/** Where the slowest referrals waited, topic by topic. */
class SlowestWaysTests {

	private static final Timeline.Clock EPOCH_AT_NANO_ZERO = new Timeline.Clock(0);

	private static final long SECOND = 1_000_000_000L;

	/**
	 * Offered at 2 s: written on referral.events at once, matching's answer 2.5 s later.
	 */
	private static final List<Timeline.Record> SLOW = List.of(
			record("referral.events", "ca.aiguillage.referral.submitted.v1", 2_040, 2_045),
			record("matching.events", "ca.aiguillage.matching.proposal-made.v1", 4_540, 4_600));

	/** When "quick" (offered at 1 s) and "slow" were first decided. */
	private static final Map<String, Long> DECIDED = Map.of("quick", 1_310_000_000L, "slow", 4_600_000_000L);

	@Test
	void eachTopicsFirstRecordIsTimedFromTheOfferByTheTimeItWasWritten() {
		Phase phase = new Phase();
		Map<String, Long> started = Map.of("quick", SECOND, "slow", 2 * SECOND);
		Map<String, List<Timeline.Record>> records = Map.of("quick",
				List.of(record("matching.events", "ca.aiguillage.matching.proposal-made.v1", 1_300, 1_310),
						record("referral.events", "ca.aiguillage.referral.submitted.v1", 1_100, 1_105),
						record("referral.events", "ca.aiguillage.referral.accepted.v1", 1_150, 1_155)),
				"slow", SLOW);

		phase.trace(started, Map.of("quick", SECOND + 20_000_000L), DECIDED::get, records::get,
				List.of("referral.events", "matching.events"), List.of(), EPOCH_AT_NANO_ZERO, 5);

		Latency intake = phase.firstWritten.get("referral.events");
		assertThat(intake.name()).isEqualTo("intake → first written on referral.events");
		assertThat(intake.count()).isEqualTo(2);
		assertThat(intake.millis(50)).isCloseTo(40, offset(0.1));
		assertThat(intake.millis(100)).isCloseTo(100, offset(0.1));
		assertThat(phase.firstWritten.get("matching.events").millis(100)).isCloseTo(2_540, offset(2.0));
	}

	@Test
	void eachHopIsTimedFromItsStartToItsEndOnlyWhereBothWereSeenAndNeverBelowZero() {
		Phase phase = new Phase();
		Map<String, Long> started = Map.of("quick", SECOND, "slow", 2 * SECOND, "early", 3 * SECOND);
		Map<String, List<Timeline.Record>> records = Map.of("quick",
				List.of(record("referral.events", "ca.aiguillage.referral.submitted.v1", 1_100, 1_105),
						record("matching.events", "ca.aiguillage.matching.proposal-made.v1", 1_300, 1_310)),
				"slow", SLOW, "early",
				List.of(record("referral.events", "ca.aiguillage.referral.submitted.v1", 3_100, 3_105)));
		Timeline.Hop intake = new Timeline.Hop(null, "referral.events");
		Timeline.Hop matching = new Timeline.Hop("referral.events", "matching.events");

		// "slow" was accepted, but when is not known; "early"'s event was written before
		// its 201 came back.
		phase.trace(started, Map.of("quick", SECOND + 20_000_000L, "early", 3 * SECOND + 150_000_000L), DECIDED::get,
				records::get, List.of("referral.events", "matching.events"), List.of(intake, matching),
				EPOCH_AT_NANO_ZERO, 5);

		Latency intakeHop = phase.hops.get(intake);
		assertThat(intakeHop.name()).isEqualTo("hop: accepted → first written on referral.events");
		assertThat(intakeHop.count()).isEqualTo(2);
		assertThat(intakeHop.millis(0)).isZero();
		assertThat(intakeHop.millis(100)).isCloseTo(80, offset(0.1));
		Latency matchingHop = phase.hops.get(matching);
		assertThat(matchingHop.name())
			.isEqualTo("hop: first written on referral.events → first written on matching.events");
		assertThat(matchingHop.count()).isEqualTo(2);
		assertThat(matchingHop.millis(50)).isCloseTo(200, offset(0.1));
		assertThat(matchingHop.millis(100)).isCloseTo(2_500, offset(2.0));
	}

	@Test
	void theSlowestComeFirstRecordByRecordAndTheUndecidedBeforeThem() {
		Phase phase = new Phase();
		Map<String, Long> started = Map.of("quick", SECOND, "slow", 2 * SECOND, "lost", 3 * SECOND);
		phase.begun = SECOND;
		Map<String, List<Timeline.Record>> records = Map.of("quick",
				List.of(record("matching.events", "ca.aiguillage.matching.proposal-made.v1", 1_300, 1_310),
						record("referral.events", "ca.aiguillage.referral.submitted.v1", 1_100, 1_105)),
				"slow", SLOW, "lost", List.of());

		phase.trace(started, Map.of("slow", 2 * SECOND + 30_000_000L), DECIDED::get, records::get,
				List.of("referral.events", "matching.events"), List.of(), EPOCH_AT_NANO_ZERO, 2);

		assertThat(phase.slowest).containsExactly("no first decision; offered 2.0 s into the run",
				"first decision at 2,600 ms; offered 1.0 s into the run; accepted at 30 ms; referral.events referral.submitted.v1 written at 40 ms, read at 45 ms; matching.events matching.proposal-made.v1 written at 2,540 ms, read at 2,600 ms");
	}

	@Test
	void everyWayIsWrittenAsOneCsvRowARecordInTheOrderOffered() {
		Phase phase = new Phase();
		phase.begun = SECOND;
		phase.trace(Map.of("b", 2 * SECOND, "a", SECOND), Map.of("a", SECOND + 20_000_000L),
				Map.of("a", 1_300_000_000L)::get,
				Map.of("a", List.of(record("referral.events", "ca.aiguillage.referral.submitted.v1", 1_100, 1_105)),
						"b", List.<Timeline.Record>of())::get,
				List.of("referral.events"), List.of(), EPOCH_AT_NANO_ZERO, 5);

		assertThat(LoadReport.ways(phase)).isEqualTo("""
				referral,offered_s,accepted_ms,decided_ms,topic,type,written_ms,read_ms
				a,0.000,20.0,300.0,referral.events,ca.aiguillage.referral.submitted.v1,100.0,105.0
				b,1.000,,,,,,
				""");
	}

	private static Timeline.Record record(String topic, String type, long writtenAtMillis, long readAtMillis) {
		return new Timeline.Record(topic, type, writtenAtMillis, readAtMillis * 1_000_000L);
	}

}
