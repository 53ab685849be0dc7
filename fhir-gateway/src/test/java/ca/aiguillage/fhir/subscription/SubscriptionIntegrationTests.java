package ca.aiguillage.fhir.subscription;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.EventDefinition;
import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.contracts.waitlist.ProposalConfirmedV1;
import ca.aiguillage.fhir.conformance.Conformance;
import ca.aiguillage.platform.events.EventJson;
import ca.aiguillage.platform.webhooks.WebhookAddresses;
import ca.aiguillage.platform.webhooks.WebhookSignatures;
import ca.aiguillage.platform.work.WorkSettings;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.KafkaProbe;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.sun.net.httpserver.HttpServer;
import org.bson.BsonDocument;
import org.bson.Document;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A partner subscribes to the Task-status topic and a real HTTP receiver on loopback gets
 * the signed notification when its referral moves.
 */
@ServiceIntegrationTest
@ActiveProfiles("local")
@TestPropertySource(properties = { "spring.config.name=fhir-gateway", "fhir.referral-service=http://127.0.0.1:9",
		"fhir.subscriptions.allow-http=true", "fhir.subscriptions.allow-loopback=true",
		"fhir.subscriptions.retry.first-backoff=PT0.2S", "fhir.subscriptions.retry.max-backoff=PT0.5S",
		"fhir.subscriptions.retry.poll-interval=PT0.1S" })
@Import(SubscriptionIntegrationTests.CountingQueries.class)
class SubscriptionIntegrationTests extends RunningService {

	/** Counts the queries that look a partner's subscriptions up by partner. */
	@TestConfiguration(proxyBeanMethods = false)
	static class CountingQueries {

		@Bean
		AtomicLong partnerLookups() {
			return new AtomicLong();
		}

		@Bean
		MongoClientSettingsBuilderCustomizer countPartnerLookups(AtomicLong partnerLookups) {
			return settings -> settings.addCommandListener(new CommandListener() {
				@Override
				public void commandStarted(CommandStartedEvent event) {
					// The command is read from the driver's buffer, valid only during
					// this
					// call.
					BsonDocument command = event.getCommand();
					if (event.getCommandName().equals("find")
							&& command.getString("find").getValue().equals("subscriptions")
							&& command.getDocument("filter", new BsonDocument()).containsKey("partnerId")) {
						partnerLookups.incrementAndGet();
					}
				}
			});
		}

	}

	@Autowired
	private AtomicLong partnerLookups;

	private static final Logger log = LoggerFactory.getLogger(SubscriptionIntegrationTests.class);

	private static final EventJson JSON = new EventJson();

	// The validator reads the R4 profiles once, not once per resource checked.
	private static final Conformance CONFORMANCE = Conformance.load();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	// A partner endpoint that is down answers 503 until it recovers.
	private final AtomicBoolean down = new AtomicBoolean();

	private HttpServer receiver;

	@Autowired
	private Notifier notifier;

	@Autowired
	private MongoOperations mongo;

	@Autowired
	private SubscriptionSettings settings;

	@Autowired
	private WebhookAddresses addresses;

	@Autowired
	private WorkSettings work;

	private Http ahuntsic;

	@BeforeEach
	void start() throws IOException {
		this.ahuntsic = this.anonymous.withToken(this.tokens.partner("clsc-ahuntsic"));
		this.receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.receiver.createContext("/fhir-notifications", (exchange) -> {
			int answer = this.down.get() ? 503 : 204;
			this.received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
					exchange.getRequestHeaders().getFirst("webhook-timestamp"),
					exchange.getRequestHeaders().getFirst("webhook-signature"),
					exchange.getRequestHeaders().getFirst("Content-Type"),
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), answer));
			exchange.sendResponseHeaders(answer, -1);
			exchange.close();
		});
		this.receiver.start();
	}

	@AfterEach
	void stop() {
		this.receiver.stop(0);
	}

	@Test
	void partnerReceivesASignedValidNotificationWhenItsReferralMoves() {
		Http.Answer created = this.ahuntsic.postJson("/fhir/Subscription", subscription(endpoint()));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String subscriptionId = created.json("$.id");
		String secret = created
			.<List<String>>json("$.extension[?(@.url == '" + SubscriptionController.SIGNING_SECRET + "')].valueString")
			.get(0);
		assertThat(secret).startsWith("whsec_");
		assertValid(created.body(), "the Subscription created (201)");
		String mine = UUID.randomUUID().toString();
		String theirs = UUID.randomUUID().toString();

		publish(submitted(theirs, "gasm-laval"));
		publish(submitted(mine, "clsc-ahuntsic"));
		await().atMost(ofSeconds(20))
			.untilAsserted(() -> assertThat(this.received).extracting(this::taskStatus).contains(mine + ":received"));
		publish(new ProposalConfirmedV1(mine, "p-1", "t-07", ProposalConfirmedV1.DecidedBy.CLIENT,
				Instant.now().plusSeconds(60)));

		await().atMost(ofSeconds(20))
			.untilAsserted(() -> assertThat(this.received).extracting(this::taskStatus).contains(mine + ":accepted"));
		Received accepted = this.received.stream()
			.filter(call -> taskStatus(call).equals(mine + ":accepted"))
			.findFirst()
			.orElseThrow();
		assertThat(accepted.signature())
			.isEqualTo(WebhookSignatures.signature(secret, accepted.id(), accepted.timestamp(), accepted.body()));
		assertThat(accepted.contentType()).startsWith("application/fhir+json");
		Bundle bundle = Conformance.context().newJsonParser().parseResource(Bundle.class, accepted.body());
		assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.HISTORY);
		Parameters status = (Parameters) bundle.getEntryFirstRep().getResource();
		assertThat(((Reference) status.getParameter("subscription").getValue()).getReference())
			.isEqualTo("Subscription/" + subscriptionId);
		assertThat(status.getParameter("type").getValue().primitiveValue()).isEqualTo("event-notification");
		assertValid(accepted.body(), "a subscription notification");
		// Another partner's referral is never told to this one.
		assertThat(this.received).extracting(this::taskStatus).noneMatch(call -> call.startsWith(theirs));
		Http.Answer read = this.ahuntsic.get("/fhir/Subscription/" + subscriptionId);
		assertThat(read.<String>json("$.status")).isEqualTo("active");
		assertThat(read.body()).doesNotContain(secret);
		assertValid(read.body(), "the Subscription read back");
		assertThat(this.anonymous.withToken(this.tokens.partner("gasm-laval"))
			.get("/fhir/Subscription/" + subscriptionId)
			.status()).isEqualTo(404);
	}

	@Test
	void referralsThatMoveDoNotLookThePartnersSubscriptionsUpEachTime() {
		Http.Answer created = this.ahuntsic.postJson("/fhir/Subscription", subscription(endpoint()));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		List<String> referrals = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
				UUID.randomUUID().toString());
		this.partnerLookups.set(0);

		referrals.forEach(id -> publish(submitted(id, "clsc-ahuntsic")));

		await().atMost(ofSeconds(20))
			.untilAsserted(() -> assertThat(this.received).extracting(this::taskStatus)
				.containsAll(referrals.stream().map(id -> id + ":received").toList()));
		// The subscription created here is looked up once, then known.
		assertThat(this.partnerLookups.get()).isLessThanOrEqualTo(1);
	}

	@Test
	void notificationRefusedByADownEndpointIsTriedAgainUntilAcknowledgedThenNeverAgain() {
		Http partner = partner();
		this.down.set(true);
		String subscriptionId = subscribe(partner);
		String mine = UUID.randomUUID().toString();

		publish(submitted(mine, this.partnerId));
		await().atMost(ofSeconds(20)).untilAsserted(() -> assertThat(calls(mine + ":received")).hasSizeGreaterThan(1));
		Http.Answer failing = partner.get("/fhir/Subscription/" + subscriptionId);
		assertThat(failing.<String>json("$.status")).isEqualTo("error");
		assertValid(failing.body(), "the Subscription read back in error");
		this.down.set(false);

		await().atMost(ofSeconds(20))
			.untilAsserted(() -> assertThat(calls(mine + ":received")).extracting(Received::answer).contains(204));
		List<Received> tries = calls(mine + ":received");
		assertThat(tries).extracting(Received::answer).last().isEqualTo(204);
		assertThat(tries).extracting(Received::id).containsOnly(subscriptionId + "-1");
		assertThat(tries).extracting(this::eventNumber).containsOnly("1");
		assertThat(tries.get(1).signature()).isEqualTo(WebhookSignatures.signature(this.secret, tries.get(1).id(),
				tries.get(1).timestamp(), tries.get(1).body()));
		assertThat(partner.get("/fhir/Subscription/" + subscriptionId).<String>json("$.status")).isEqualTo("active");
		publish(new ProposalConfirmedV1(mine, "p-1", "t-07", ProposalConfirmedV1.DecidedBy.CLIENT,
				Instant.now().plusSeconds(60)));
		await().atMost(ofSeconds(20))
			.untilAsserted(
					() -> assertThat(calls(mine + ":accepted")).extracting(this::eventNumber).containsExactly("2"));
		// Acknowledged once: never sent again.
		int acknowledged = tries.size();
		await().during(ofSeconds(2))
			.atMost(ofSeconds(5))
			.untilAsserted(() -> assertThat(calls(mine + ":received")).hasSize(acknowledged));
	}

	@Test
	void notificationPendingWhenTheGatewayStopsIsSentAfterItsRestart() {
		Http partner = partner();
		this.down.set(true);
		String subscriptionId = subscribe(partner);
		String mine = UUID.randomUUID().toString();
		publish(submitted(mine, this.partnerId));
		await().atMost(ofSeconds(20)).untilAsserted(() -> assertThat(calls(mine + ":received")).isNotEmpty());
		this.notifier.stop();
		// A new process: nothing in memory, the same database.
		Notifier restarted = new Notifier(new Subscriptions(this.mongo, Clock.systemUTC(), this.work), this.settings,
				this.addresses, Clock.systemUTC());
		try {
			this.down.set(false);
			restarted.start();

			await().atMost(ofSeconds(20))
				.untilAsserted(() -> assertThat(calls(mine + ":received")).extracting(Received::answer).contains(204));
			assertThat(calls(mine + ":received")).extracting(Received::id).containsOnly(subscriptionId + "-1");
			await().during(ofSeconds(1))
				.atMost(ofSeconds(5))
				.untilAsserted(() -> assertThat(calls(mine + ":received")).filteredOn(call -> call.answer() == 204)
					.hasSize(1));
		}
		finally {
			restarted.stop();
			this.notifier.start();
		}
	}

	@Test
	void notificationPastItsDeadlineIsDroppedAndTheNextOneStillGoes() {
		Http partner = partner();
		this.down.set(true);
		subscribe(partner);
		String first = UUID.randomUUID().toString();
		String second = UUID.randomUUID().toString();
		this.notifier.stop();
		// Another instance: it learns of what the running gateway counts by scanning at
		// every round.
		SubscriptionSettings.Retry retry = this.settings.retry();
		Notifier shortDeadline = new Notifier(
				new Subscriptions(this.mongo, Clock.systemUTC(), new WorkSettings(Duration.ZERO)),
				new SubscriptionSettings(true, true, this.settings.timeout(), this.settings.publicBase(),
						new SubscriptionSettings.Retry(retry.firstBackoff(), retry.maxBackoff(), Duration.ofSeconds(2),
								retry.pollInterval())),
				this.addresses, Clock.systemUTC());
		try {
			shortDeadline.start();
			publish(submitted(first, this.partnerId));
			await().atMost(ofSeconds(20)).untilAsserted(() -> assertThat(calls(first + ":received")).isNotEmpty());
			// The first is given up after its deadline; the next goes once the endpoint
			// is
			// back, its number telling the partner that one was missed.
			await().atMost(ofSeconds(20))
				.untilAsserted(() -> assertThat(this.subscriptionDocument().getLong("dropped")).isEqualTo(1L));
			this.down.set(false);
			publish(submitted(second, this.partnerId));

			await().atMost(ofSeconds(20))
				.untilAsserted(
						() -> assertThat(calls(second + ":received")).extracting(Received::answer).contains(204));
			assertThat(calls(second + ":received")).extracting(this::eventNumber).containsOnly("2");
			assertThat(calls(first + ":received")).extracting(Received::answer).containsOnly(503);
		}
		finally {
			shortDeadline.stop();
			this.notifier.start();
		}
	}

	@Test
	void endpointOnAPrivateNetworkOrAnotherTopicIsRefused() {
		Http.Answer internal = this.ahuntsic.postJson("/fhir/Subscription", subscription("http://10.0.0.7/hook"),
				"Accept-Language", "en");
		Http.Answer topic = this.ahuntsic.postJson("/fhir/Subscription",
				subscription(endpoint()).replace("SubscriptionTopic/task-status", "SubscriptionTopic/other"));

		assertThat(internal.status()).isEqualTo(422);
		assertThat(internal.<String>json("$.issue[0].expression[0]")).isEqualTo("Subscription.channel.endpoint");
		assertThat(internal.<String>json("$.issue[0].details.text")).contains("internal network");
		assertThat(topic.status()).isEqualTo(422);
		assertThat(topic.<String>json("$.issue[0].expression[0]")).isEqualTo("Subscription.criteria");
	}

	@Test
	void onlyAPartnerSystemWithItsPartnerIdSubscribes() {
		String body = subscription(endpoint());

		assertThat(this.anonymous.postJson("/fhir/Subscription", body).status()).isEqualTo(401);
		assertThat(this.anonymous.withToken(this.tokens.partnerWithoutPartnerId())
			.postJson("/fhir/Subscription", body)
			.status()).isEqualTo(401);
		assertThat(this.anonymous.withToken(this.tokens.coordinator("org-centre-st-pierre"))
			.postJson("/fhir/Subscription", body)
			.status()).isEqualTo(403);
	}

	@Test
	void topicIsPublishedAsABasic() {
		Http.Answer topic = this.ahuntsic.get("/fhir/Basic/task-status");

		assertThat(topic.status()).isEqualTo(200);
		assertThat(topic.<String>json("$.code.coding[0].code")).isEqualTo("SubscriptionTopic");
		assertThat(topic.body()).contains(TaskStatusTopic.URL);
		assertValid(topic.body(), "the topic (Basic/task-status)");
	}

	private static void assertValid(String json, String what) {
		List<SingleValidationMessage> messages = CONFORMANCE.validator()
			.validateWithResult(Conformance.context().newJsonParser().parseResource(json))
			.getMessages();
		List<SingleValidationMessage> errors = messages.stream()
			.filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
			.toList();
		log.info("FHIR validator on {}: {} error(s), {} warning(s)", what, errors.size(),
				messages.stream().filter(m -> m.getSeverity() == ResultSeverityEnum.WARNING).count());
		assertThat(errors).as(what).extracting(m -> m.getLocationString() + ": " + m.getMessage()).isEmpty();
	}

	private String partnerId = "";

	private String subscriptionId = "";

	private String secret = "";

	/**
	 * A partner of its own, so that no other test's subscription is told of its moves.
	 */
	private Http partner() {
		this.partnerId = "clsc-" + UUID.randomUUID().toString().substring(0, 8);
		return this.anonymous.withToken(this.tokens.partner(this.partnerId));
	}

	private String subscribe(Http partner) {
		Http.Answer created = partner.postJson("/fhir/Subscription", subscription(endpoint()));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		this.subscriptionId = created.json("$.id");
		this.secret = created
			.<List<String>>json("$.extension[?(@.url == '" + SubscriptionController.SIGNING_SECRET + "')].valueString")
			.get(0);
		return this.subscriptionId;
	}

	private Document subscriptionDocument() {
		return this.mongo.findById(this.subscriptionId, Document.class, Subscriptions.COLLECTION);
	}

	private List<Received> calls(String taskStatus) {
		return this.received.stream().filter(call -> taskStatus(call).equals(taskStatus)).toList();
	}

	private String eventNumber(Received call) {
		Bundle bundle = Conformance.context().newJsonParser().parseResource(Bundle.class, call.body());
		Parameters status = (Parameters) bundle.getEntryFirstRep().getResource();
		return status.getParameter("events-since-subscription-start").getValue().primitiveValue();
	}

	private String endpoint() {
		return "http://127.0.0.1:" + this.receiver.getAddress().getPort() + "/fhir-notifications";
	}

	private String taskStatus(Received call) {
		Bundle bundle = Conformance.context().newJsonParser().parseResource(Bundle.class, call.body());
		Task task = (Task) bundle.getEntry().get(1).getResource();
		return task.getIdElement().getIdPart() + ":" + task.getStatus().toCode();
	}

	private static String subscription(String endpoint) {
		return """
				{
				  "resourceType": "Subscription",
				  "status": "requested",
				  "reason": "Suivre nos demandes",
				  "criteria": "https://aiguillage.example.org/fhir/SubscriptionTopic/task-status",
				  "channel": {
				    "type": "rest-hook",
				    "endpoint": "%s",
				    "payload": "application/fhir+json"
				  }
				}
				""".formatted(endpoint);
	}

	private void publish(Object data) {
		EventDefinition<?> definition = EventCatalog.of(data);
		String subject = definition.subjectOf(data);
		this.kafka.send(definition.topic(), subject, JSON.write(data),
				KafkaProbe.cloudEventHeaders(UUID.randomUUID().toString(), definition.type(), subject));
	}

	private static ReferralSubmittedV1 submitted(String id, String partnerId) {
		return new ReferralSubmittedV1(id, Instant.now(), IntakeChannel.PARTNER_API, partnerId, null, "fr",
				List.of("fr"), Clientele.ADULT, List.of(Approach.COGNITIVE_BEHAVIOURAL), false, Modality.EITHER,
				List.of(new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))), Priority.C, "H2M",
				List.of(), null, null);
	}

	private record Received(String id, String timestamp, String signature, String contentType, String body,
			int answer) {
	}

}
