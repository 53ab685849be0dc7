package ca.aiguillage.localstack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import ca.aiguillage.contracts.Topics;
import ca.aiguillage.platform.outbox.OutboxSettings;
import ca.aiguillage.platform.work.WorkSettings;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.cloud.stream.binding.BindingService;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.MessageChannel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole system as the local stack runs it: one real KRaft broker, one embedded
 * MongoDB server on a durable file, the four services, the FHIR gateway and their demo
 * data, in this JVM; every journey on the one stack, which exports its spans to a
 * receiver here and whose authorization server also knows a CLSC's EHR.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTests {

	/** The collections read whole on purpose, and why. */
	static final Map<String, String> WHOLE_ON_PURPOSE = Map.of(
			// Matching weighs every therapist of the network for each referral.
			"matching.therapists find {} sort [_id]", "the directory, read whole for matching",
			"matching.therapists aggregate {}", "the directory's page count, a few hundred therapists",
			"referral.fee_scales find {}", "a handful of fee scales, kept a minute",
			"waitlist.therapist_places find {}", "the network's places, kept in memory for the forecasts",
			"waitlist.queue find {}",
			"the queue's copy for the forecasts, and the pass that seals free text again after a key change",
			"waitlist.decision_notes find {}", "the pass that seals free text again after a key change",
			"referral.referrals find {status: {$in: [?, ?, ?, ?, ?]}}",
			"the person index's first filling, once per store, when a version with it first starts");

	/** The intervals of the services' periodic work, in production a minute or more. */
	private static final Map<String, String> PERIODIC_WORK = Map.of("aiguillage.dead-letters.count-interval", "PT1S",
			"matching.snapshot.full-refresh", "PT2S", "matching.recovery-interval", "PT2S",
			"waitlist.timers.poll-interval", "PT1S", "waitlist.check-ins.head-of-line-poll-interval", "PT2S");

	@TempDir
	static Path data;

	static LocalStack stack;

	static OtlpReceiver spans;

	static HttpServer ehrKeys;

	@BeforeAll
	static void start() throws IOException {
		spans = OtlpReceiver.start();
		ehrKeys = FhirJourney.publishTheEhrsKeys();
		Map<String, String> settings = new LinkedHashMap<>(PERIODIC_WORK);
		settings.put("aiguillage.mongo.index-audit", "true");
		// The authorization server knows the CLSC's EHR besides the demo systems.
		settings.putAll(FhirJourney.systemsWithTheEhr(ehrKeys));
		// The services in this JVM read these as they start, as they would their
		// environment; kept until the stack stops.
		TracingJourney.EXPORT
			.forEach((name, value) -> System.setProperty(name, value.isEmpty() ? spans.endpoint() : value));
		// The services' periodic work comes round every few seconds, not every minute:
		// the audit below sees its queries whatever the journeys' pace.
		settings.forEach(System::setProperty);
		try {
			stack = LocalStack.start(new LocalStack.Settings(data, FreePorts.next(), FreePorts.next(), FreePorts.next(),
					FreePorts.next(), List.of(0, 0, 0, 0), true));
		}
		finally {
			settings.keySet().forEach(System::clearProperty);
		}
	}

	@AfterAll
	static void stop() {
		try {
			if (stack != null) {
				stack.close();
			}
		}
		finally {
			TracingJourney.EXPORT.keySet().forEach(System::clearProperty);
			if (spans != null) {
				spans.close();
			}
			if (ehrKeys != null) {
				ehrKeys.stop(0);
			}
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
	void withOneInstanceOfEachServiceTheScansForWorkLeftBehindRunOnceADay() {
		assertThat(stack.services()).hasSize(5).allSatisfy(service -> {
			assertThat(service.getBean(OutboxSettings.class).scanInterval()).isEqualTo(Duration.ofDays(1));
			assertThat(service.getBean(WorkSettings.class).scanInterval()).isEqualTo(Duration.ofDays(1));
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

	@Test
	void partnersReferralIsOneTraceFromItsRequestThroughEveryServiceThatReactsAndNoSpanNamesTheClient() {
		TracingJourney
			.partnersReferralIsOneTraceFromItsRequestThroughEveryServiceThatReactsAndNoSpanNamesTheClient(stack, spans);
	}

	@Test
	void systemAuthenticatedBySmartBackendServicesSendsABundleAndSeesItsReferralAndTaskMove() throws Exception {
		FhirJourney.systemAuthenticatedBySmartBackendServicesSendsABundleAndSeesItsReferralAndTaskMove(stack);
	}

	@Test
	void partnerSendsAReferralBundleAndFollowsItsTaskToInProgressThenCancelsIt() {
		FhirJourney.partnerSendsAReferralBundleAndFollowsItsTaskToInProgressThenCancelsIt(stack);
	}

	@Test
	void bundleThatReferralServiceRefusesGetsAnOperationOutcomeNamingThePatientElement() {
		FhirJourney.bundleThatReferralServiceRefusesGetsAnOperationOutcomeNamingThePatientElement(stack);
	}

	/**
	 * After every journey above: each query the services sent on the way is one a real
	 * MongoDB answers from an index they declared, or a whole read of a collection kept
	 * small on purpose.
	 */
	@Test
	@Order(Integer.MAX_VALUE)
	void everyQueryOfTheJourneysIsServedByADeclaredIndexOnARealMongoDb() {
		// Fee scales are read whole for each referral: the audit saw the journeys.
		assertThat(stack.queriesNoIndexServes()).contains("referral.fee_scales find {}")
			.isSubsetOf(WHOLE_ON_PURPOSE.keySet());
	}

}
