package ca.aiguillage.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import ca.aiguillage.localstack.FreePorts;
import ca.aiguillage.localstack.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator against the local stack in this JVM (real broker with logins, embedded
 * MongoDB on a file, the authorization server, the four services): a few seconds at 5 a
 * second, then the baseline; and a small history. No timing is asserted: the figures are
 * printed, the counts are checked.
 */
class LoadGeneratorIntegrationTests {

	@TempDir
	static Path data;

	static LocalStack stack;

	@BeforeAll
	static void start() {
		stack = LocalStack.start(new LocalStack.Settings(data, FreePorts.next(), FreePorts.next(), FreePorts.next(),
				FreePorts.next(), List.of(0, 0, 0, 0), true));
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void everyReferralAtFiveASecondReachesItsFirstDecisionAndTheQueueAndTheBaselineIsMeasured()
			throws InterruptedException {
		LoadRun.Result result = LoadRun.run(target(), new LoadRun.Settings(Schedule.fixed(5, Duration.ofSeconds(3)), 20,
				Duration.ofSeconds(120), 4, true, true, null, Duration.ofSeconds(60), false));
		String report = LoadReport.markdown(result);
		System.out.print(report);

		assertThat(result.errors()).as(report).isZero();
		assertThat(result.stack().offered).isEqualTo(15);
		assertThat(result.stack().accepted).as(report).isEqualTo(15);
		assertThat(result.stack().httpAccept.count()).isEqualTo(12);
		assertThat(result.stack().inboundAccept.count()).isEqualTo(3);
		assertThat(result.stack().firstDecision.count()).as(report).isEqualTo(15);
		assertThat(result.stack().inQueue.count()).as(report).isEqualTo(15);
		assertThat(result.stack().decidedInQueue.count()).as(report).isEqualTo(15);
		assertThat(result.bare().accepted).isEqualTo(15);
		assertThat(result.bare().firstDecision.count()).as(report).isEqualTo(15);
		assertThat(report).contains("| stack | 15 | 15 |", "| baseline | 15 | 15 |", "| intake → first decision | 15 |",
				"| intake → decision shown in the queue | 15 |", "p99 ratio", "Consumer lag", "Errors: none",
				", Montreal time.", "| intake → first written on referral.events | 15 |",
				"| intake → first written on matching.events | 15 |",
				"| hop: accepted → first written on referral.events | 15 |",
				"| hop: first written on referral.events → first written on matching.events | 15 |",
				"The 5 slowest to a first decision, hop by hop");
		assertThat(result.stack().slowest).as(report)
			.hasSize(5)
			.allSatisfy((way) -> assertThat(way).startsWith("first decision at ")
				.contains("; referral.events referral.submitted.v1 written at "));
	}

	@Test
	void historyGoesThroughThePartnerApiUntilEveryReferralIsDecidedThenWithdrawsTheOldestAndReportsStoragePerReferral() {
		HistoryGenerator.Filled filled = HistoryGenerator.fill(target(), 5, 4, Duration.ofSeconds(120), 60);
		System.out.print(HistoryGenerator.markdown(filled));

		assertThat(filled.errors()).isEmpty();
		assertThat(filled.accepted()).isEqualTo(5);
		assertThat(filled.decided()).isEqualTo(5);
		// 60 % of 5: the queue shows 3 withdrawn.
		assertThat(filled.closed()).isEqualTo(3);
		assertThat(filled.referralsStored()).isGreaterThanOrEqualTo(5);
		assertThat(filled.bytesPerReferral()).isPositive();
	}

	private static Target target() {
		return new Target("http://127.0.0.1:" + stack.port(0), "http://localhost:" + stack.authorizationPort(),
				stack.bootstrapServers(), stack::kafkaClientSettings, stack.mongoUri(),
				data.resolve("mongo").resolve("aiguillage.mv"));
	}

}
