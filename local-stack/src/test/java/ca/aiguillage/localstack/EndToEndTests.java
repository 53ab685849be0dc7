package ca.aiguillage.localstack;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system as the local stack runs it: one real KRaft broker, one embedded
 * MongoDB server on a durable file, the four services and their demo data, in this JVM.
 */
class EndToEndTests {

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
	void referralTravelsFromIntakeThroughMatchingToTheQueueAndANotification() {
		ReferralJourney.referralTravelsThroughAllFourServices(stack);
	}

	@Test
	void coordinatorConfirmsAProposalInTheConsoleAndTheClientIsTold() {
		ConsoleJourney.coordinatorConfirmsAProposalAndTheClientIsTold(stack);
	}

	@Test
	void partnerSystemPublishesOnItsOwnTopicAndOnlyItFollowsTheReferral() throws Exception {
		InboundJourney.partnerPublishesOnItsOwnTopicAndFollowsTheReferralInTheApi(stack);
	}

	@Test
	void dashboardAndAlertRulesNameOnlyMetricsTheServicesExport() throws Exception {
		MetricsJourney.dashboardAndAlertsNameOnlyExportedMetrics(stack);
	}

	@Test
	void partnerSendsAReferralInTheBrowserAndWatchesItsStatusChange() {
		PartnerPortalJourney.partnerSendsAReferralAndWatchesItsStatusChange(stack);
	}

}
