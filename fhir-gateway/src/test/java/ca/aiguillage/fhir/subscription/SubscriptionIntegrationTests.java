package ca.aiguillage.fhir.subscription;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

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
import ca.aiguillage.platform.webhooks.WebhookSignatures;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.KafkaProbe;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import com.sun.net.httpserver.HttpServer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
		"fhir.subscriptions.allow-http=true", "fhir.subscriptions.allow-loopback=true" })
class SubscriptionIntegrationTests extends RunningService {

	private static final Logger log = LoggerFactory.getLogger(SubscriptionIntegrationTests.class);

	private static final EventJson JSON = new EventJson();

	// The validator reads the R4 profiles once, not once per resource checked.
	private static final Conformance CONFORMANCE = Conformance.load();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private HttpServer receiver;

	private Http ahuntsic;

	@BeforeEach
	void start() throws IOException {
		this.ahuntsic = this.anonymous.withToken(this.tokens.partner("clsc-ahuntsic"));
		this.receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.receiver.createContext("/fhir-notifications", (exchange) -> {
			this.received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
					exchange.getRequestHeaders().getFirst("webhook-timestamp"),
					exchange.getRequestHeaders().getFirst("webhook-signature"),
					exchange.getRequestHeaders().getFirst("Content-Type"),
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
			exchange.sendResponseHeaders(204, -1);
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

	private record Received(String id, String timestamp, String signature, String contentType, String body) {
	}

}
