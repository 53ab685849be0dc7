package ca.aiguillage.notification.webhooks;

import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import ca.aiguillage.platform.webhooks.WebhookAddresses;
import ca.aiguillage.notification.channels.WebhookSettings;
import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.web.FieldViolation;
import ca.aiguillage.platform.web.InvalidRequestException;
import ca.aiguillage.platform.web.NotFoundException;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Partners' endpoints are an administrator's act: an administrator registers a partner's
 * URL or approves the one the partner proposed, and rotates its secret. A secret is shown
 * once, in the answer of the act that made it.
 */
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhookController {

	private static final String PARTNER_ID = "[a-z0-9][a-z0-9._-]{0,63}";

	private final PartnerWebhooks webhooks;

	private final WebhookAddresses addresses;

	private final WebhookSettings settings;

	private final Clock clock;

	WebhookController(PartnerWebhooks webhooks, WebhookAddresses addresses, WebhookSettings settings, Clock clock) {
		this.webhooks = webhooks;
		this.addresses = addresses;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * @param url the endpoint, https (http only where
	 * {@code notification.webhooks.allow-http} is set, as on the local stack), on a host
	 * that resolves to public addresses only
	 */
	record Registration(@Nullable String url) {
	}

	/**
	 * A partner's endpoint as it is read: the secret only as a hint.
	 *
	 * @param partnerId the partner
	 * @param url the endpoint events are posted to, or null before one is approved
	 * @param proposedUrl the URL the partner proposed, waiting for an administrator
	 * @param secretHint the secret's first and last characters
	 * @param previousSecretUntil while a rotation overlaps, when the previous secret
	 * stops signing
	 * @param secret the signing secret, only in the answer of the act that made it
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Endpoint(String partnerId, @Nullable URI url, @Nullable URI proposedUrl, @Nullable String secretHint,
			@Nullable Instant previousSecretUntil, @Nullable String secret) {

		static Endpoint of(PartnerWebhook webhook, @Nullable String newSecret, Instant now) {
			Instant until = webhook.previousSecretUntil();
			return new Endpoint(webhook.partnerId(), webhook.url(), webhook.proposedUrl(),
					PartnerWebhook.hint(webhook.secret()), (until != null && now.isBefore(until)) ? until : null,
					newSecret);
		}

		static Endpoint of(PartnerWebhooks.Changed changed, Instant now) {
			return of(changed.webhook(), changed.newSecret(), now);
		}

	}

	/**
	 * A partner proposes its endpoint; nothing goes to it before an administrator
	 * approves.
	 */
	@PutMapping("/mine")
	@PreAuthorize("hasRole('PARTNER')")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Endpoint propose(@RequestBody Registration registration) {
		URI url = valid(registration.url());
		Instant now = this.clock.instant();
		return Endpoint.of(this.webhooks.propose(partnerOfCaller(), url, now), null, now);
	}

	@GetMapping("/mine")
	@PreAuthorize("hasRole('PARTNER')")
	Endpoint mine() {
		String partnerId = partnerOfCaller();
		return Endpoint.of(this.webhooks.of(partnerId).orElseThrow(() -> new NotFoundException("webhook")), null,
				this.clock.instant());
	}

	@GetMapping
	@PreAuthorize("hasRole('ADMIN')")
	List<Endpoint> all() {
		Instant now = this.clock.instant();
		return this.webhooks.all().stream().map(webhook -> Endpoint.of(webhook, null, now)).toList();
	}

	@PutMapping("/{partnerId}")
	@PreAuthorize("hasRole('ADMIN')")
	Endpoint register(@PathVariable String partnerId, @RequestBody Registration registration) {
		URI url = valid(registration.url());
		Instant now = this.clock.instant();
		return Endpoint.of(this.webhooks.register(validPartner(partnerId), url, now), now);
	}

	@PostMapping("/{partnerId}/approval")
	@PreAuthorize("hasRole('ADMIN')")
	Endpoint approve(@PathVariable String partnerId) {
		PartnerWebhook known = this.webhooks.of(validPartner(partnerId)).orElse(null);
		if (known == null || known.proposedUrl() == null) {
			throw new NotFoundException("webhook proposal");
		}
		// The address is checked again: what it resolves to may have changed since.
		valid(known.proposedUrl().toString());
		Instant now = this.clock.instant();
		return this.webhooks.approve(partnerId, now)
			.map(changed -> Endpoint.of(changed, now))
			.orElseThrow(() -> new NotFoundException("webhook proposal"));
	}

	@PostMapping("/{partnerId}/rotation")
	@PreAuthorize("hasRole('ADMIN')")
	Endpoint rotate(@PathVariable String partnerId) {
		Instant now = this.clock.instant();
		return this.webhooks.rotate(validPartner(partnerId), now, this.settings.secretOverlap())
			.map(changed -> Endpoint.of(changed, now))
			.orElseThrow(() -> new NotFoundException("webhook"));
	}

	private static String partnerOfCaller() {
		String partnerId = Caller.current().partnerId();
		if (partnerId == null) {
			throw new AccessDeniedException("a partner token names its partner");
		}
		return partnerId;
	}

	private static String validPartner(String partnerId) {
		if (!partnerId.matches(PARTNER_ID)) {
			throw new InvalidRequestException(List.of(new FieldViolation("partnerId", "webhook.partner")));
		}
		return partnerId;
	}

	private URI valid(@Nullable String url) {
		if (url == null || url.isBlank()) {
			throw new InvalidRequestException(List.of(new FieldViolation("url", "required")));
		}
		URI uri;
		try {
			uri = URI.create(url.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException(List.of(new FieldViolation("url", "webhook.https")));
		}
		String scheme = (uri.getScheme() == null) ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (uri.getHost() == null || uri.getUserInfo() != null
				|| !(scheme.equals("https") || (this.settings.allowHttp() && scheme.equals("http")))) {
			throw new InvalidRequestException(List.of(new FieldViolation("url", "webhook.https")));
		}
		try {
			this.addresses.resolve(uri.getHost());
		}
		catch (WebhookAddresses.RefusedAddress ex) {
			throw new InvalidRequestException(List.of(new FieldViolation("url", "webhook.address")));
		}
		catch (UnknownHostException ex) {
			throw new InvalidRequestException(List.of(new FieldViolation("url", "webhook.unknownHost")));
		}
		return uri;
	}

}
