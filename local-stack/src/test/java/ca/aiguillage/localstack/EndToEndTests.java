package ca.aiguillage.localstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import ca.aiguillage.contracts.Topics;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.cloud.stream.binding.BindingService;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.MessageChannel;

import static org.assertj.core.api.Assertions.assertThat;

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
	void everyServiceBindsTheTopicOfItsEventsAsItStartsNotAtItsFirstEvent() {
		Map<String, String> owned = Map.of("referral-service", Topics.REFERRAL_EVENTS, "matching-service",
				Topics.MATCHING_EVENTS, "waitlist-service", Topics.WAITLIST_EVENTS, "notification-service",
				Topics.NOTIFICATION_EVENTS);
		Map<String, ConfigurableApplicationContext> byName = stack.services()
			.stream()
			.collect(Collectors.toMap((service) -> service.getEnvironment().getProperty("spring.application.name"),
					Function.identity()));
		// The FHIR gateway publishes nothing.
		assertThat(byName).containsKeys("fhir-gateway").containsKeys(owned.keySet().toArray(String[]::new));
		owned.forEach((name, topic) -> {
			ConfigurableApplicationContext service = byName.get(name);
			// A topic bound when its first event is sent has no channel of its own.
			assertThat(service.getBean(BindingService.class).getProducerBindingNames()).as(topic).contains(topic);
			assertThat(service.getBean(topic)).as(topic).isInstanceOf(MessageChannel.class);
		});
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
