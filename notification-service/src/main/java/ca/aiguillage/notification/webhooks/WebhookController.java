package ca.aiguillage.notification.webhooks;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.web.FieldViolation;
import ca.aiguillage.platform.web.InvalidRequestException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A referring partner registers the endpoint it wants to hear about its referrals on. */
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhookController {

	private final PartnerWebhooks webhooks;

	private final Clock clock;

	private final boolean allowHttp;

	WebhookController(PartnerWebhooks webhooks, Clock clock,
			@Value("${notification.webhooks.allow-http:false}") boolean allowHttp) {
		this.webhooks = webhooks;
		this.clock = clock;
		this.allowHttp = allowHttp;
	}

	/**
	 * @param url the endpoint, https (http only where
	 * {@code notification.webhooks.allow-http} is set, as on the local stack)
	 */
	record Registration(@Nullable String url) {
	}

	/**
	 * What the partner gets back: the secret verifies the {@code webhook-signature}.
	 *
	 * @param partnerId the partner of the token
	 * @param url the registered endpoint
	 * @param secret the signing secret
	 */
	record Registered(String partnerId, URI url, String secret) {
	}

	@PutMapping("/mine")
	@PreAuthorize("hasRole('PARTNER')")
	Registered register(@RequestBody Registration registration) {
		Caller caller = Caller.current();
		if (caller.partnerId() == null) {
			throw new AccessDeniedException("a partner token names its partner");
		}
		URI url = valid(registration.url());
		PartnerWebhook webhook = this.webhooks.register(caller.partnerId(), url, this.clock.instant());
		return new Registered(webhook.partnerId(), webhook.url(), webhook.secret());
	}

	private URI valid(@Nullable String url) {
		if (url == null || url.isBlank()) {
			throw new InvalidRequestException(List.of(new FieldViolation("url", "required")));
		}
		try {
			URI uri = URI.create(url.trim());
			String scheme = (uri.getScheme() == null) ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
			if (uri.getHost() == null || !(scheme.equals("https") || (this.allowHttp && scheme.equals("http")))) {
				throw new InvalidRequestException(List.of(new FieldViolation("url", "webhook.https")));
			}
			return uri;
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException(List.of(new FieldViolation("url", "webhook.https")));
		}
	}

}
