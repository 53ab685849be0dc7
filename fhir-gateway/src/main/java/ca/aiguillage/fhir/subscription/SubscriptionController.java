package ca.aiguillage.fhir.subscription;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

import ca.aiguillage.fhir.conformance.Conformance;
import ca.aiguillage.fhir.conformance.FhirFormat;
import ca.aiguillage.fhir.conformance.FhirProblem;
import ca.aiguillage.fhir.conformance.Validation;
import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.webhooks.WebhookAddresses;
import ca.aiguillage.platform.webhooks.WebhookSignatures;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A partner subscribes to our Task-status topic with a rest-hook endpoint; the answer
 * holds, once, the secret that signs its notifications.
 */
@RestController
class SubscriptionController {

	/** The extension that carries the signing secret, in the creation's answer only. */
	static final String SIGNING_SECRET = Conformance.BASE + "/StructureDefinition/signing-secret";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Subscriptions subscriptions;

	private final Validation validation;

	private final WebhookAddresses addresses;

	private final SubscriptionSettings settings;

	SubscriptionController(Subscriptions subscriptions, Validation validation, WebhookAddresses addresses,
			SubscriptionSettings settings) {
		this.subscriptions = subscriptions;
		this.validation = validation;
		this.addresses = addresses;
		this.settings = settings;
	}

	@PostMapping("/fhir/Subscription")
	@PreAuthorize("hasRole('PARTNER')")
	ResponseEntity<String> create(@RequestBody String body,
			@RequestHeader(name = "Content-Type", required = false) @Nullable String contentType,
			@RequestParam(name = "_format", required = false) @Nullable String format,
			@RequestHeader(name = "Accept", required = false) @Nullable String accept) {
		Subscription asked = FhirFormat.ofBody(contentType).read(Subscription.class, body);
		this.validation.require(asked);
		if (!TaskStatusTopic.URL.equals(asked.getCriteria())) {
			throw new FhirProblem(422,
					FhirProblem.Issue.of(IssueType.NOTSUPPORTED, "Subscription.criteria", "fhir.subscription.topic"));
		}
		if (asked.getChannel().getType() != Subscription.SubscriptionChannelType.RESTHOOK) {
			throw new FhirProblem(422, FhirProblem.Issue.of(IssueType.NOTSUPPORTED, "Subscription.channel.type",
					"fhir.subscription.rest-hook"));
		}
		String secret = WebhookSignatures.SECRET_PREFIX + Base64.getEncoder().encodeToString(RANDOM.generateSeed(32));
		Subscriptions.Entry entry = this.subscriptions.create(Caller.current().partnerId(),
				endpoint(asked.getChannel().getEndpoint()), secret);
		Subscription created = resource(entry);
		created.addExtension(SIGNING_SECRET, new StringType(secret));
		return ResponseEntity.status(201)
			.header("Location", "Subscription/" + entry.id())
			.contentType(FhirFormat.of(format, accept).mediaType())
			.body(FhirFormat.of(format, accept).write(created));
	}

	@GetMapping("/fhir/Subscription/{id}")
	@PreAuthorize("hasRole('PARTNER')")
	ResponseEntity<String> read(@PathVariable String id,
			@RequestParam(name = "_format", required = false) @Nullable String format,
			@RequestHeader(name = "Accept", required = false) @Nullable String accept) {
		Subscriptions.Entry entry = this.subscriptions.find(id)
			.filter(found -> Caller.current().isPartner(found.partnerId()))
			.orElseThrow(() -> new FhirProblem(404, FhirProblem.Issue.of(IssueType.NOTFOUND, null, "fhir.not-found")));
		return FhirFormat.of(format, accept).answer(200, resource(entry));
	}

	@GetMapping("/fhir/Basic/task-status")
	@PreAuthorize("hasAnyRole('PARTNER', 'ADMIN')")
	ResponseEntity<String> topic(@RequestParam(name = "_format", required = false) @Nullable String format,
			@RequestHeader(name = "Accept", required = false) @Nullable String accept) {
		return FhirFormat.of(format, accept).answer(200, TaskStatusTopic.basic());
	}

	private URI endpoint(@Nullable String value) {
		URI endpoint;
		try {
			endpoint = new URI(String.valueOf(value));
		}
		catch (URISyntaxException ex) {
			throw endpointProblem("fhir.subscription.endpoint");
		}
		String scheme = String.valueOf(endpoint.getScheme()).toLowerCase(Locale.ROOT);
		if (endpoint.getHost() == null || endpoint.getUserInfo() != null
				|| !(scheme.equals("https") || (scheme.equals("http") && this.settings.allowHttp()))) {
			throw endpointProblem("fhir.subscription.endpoint");
		}
		try {
			this.addresses.resolve(endpoint.getHost());
		}
		catch (WebhookAddresses.RefusedAddress ex) {
			throw endpointProblem("fhir.subscription.endpoint-refused");
		}
		catch (UnknownHostException ex) {
			throw endpointProblem("fhir.subscription.endpoint-unknown");
		}
		return endpoint;
	}

	private static FhirProblem endpointProblem(String key) {
		return new FhirProblem(422, FhirProblem.Issue.of(IssueType.VALUE, "Subscription.channel.endpoint", key));
	}

	static Subscription resource(Subscriptions.Entry entry) {
		Subscription subscription = new Subscription();
		subscription.setId(entry.id());
		subscription
			.setStatus(Subscriptions.ERROR.equals(entry.status()) ? Subscription.SubscriptionStatus.ERROR
					: Subscription.SubscriptionStatus.ACTIVE)
			.setReason("The Tasks of the referrals partner " + entry.partnerId() + " sent")
			.setCriteria(TaskStatusTopic.URL);
		if (Subscriptions.ERROR.equals(entry.status())) {
			subscription.setError("The endpoint did not acknowledge the last notification; it is tried again");
		}
		subscription.getChannel()
			.setType(Subscription.SubscriptionChannelType.RESTHOOK)
			.setEndpoint(entry.endpoint().toString())
			.setPayload("application/fhir+json");
		subscription.getChannel()
			.getPayloadElement()
			.addExtension("http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-payload-content",
					new CodeType("full-resource"));
		return subscription;
	}

}
