package ca.aiguillage.fhir.subscription;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import ca.aiguillage.fhir.conformance.FhirFormat;
import ca.aiguillage.fhir.task.TaskMoved;
import ca.aiguillage.platform.webhooks.WebhookAddresses;
import ca.aiguillage.platform.webhooks.WebhookSignatures;
import ca.aiguillage.platform.work.WakeablePoller;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Pushes each move of a partner's Task to its subscriptions: a {@code history} Bundle
 * (the SubscriptionStatus, then the Task) POSTed to the endpoint, signed like our
 * webhooks, through a resolver that reaches only checked addresses, no redirect followed.
 * A move is first counted and kept in its subscription's document, then sent from this
 * poller's own thread, in order, and tried again with back-off until the endpoint
 * acknowledges it (2xx) or its deadline passes: kept in the store, it survives a restart.
 */
@Component
class Notifier extends WakeablePoller implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Notifier.class);

	private static final ContentType FHIR_JSON = ContentType.create("application/fhir+json", StandardCharsets.UTF_8);

	private final Subscriptions subscriptions;

	private final SubscriptionSettings settings;

	private final Clock clock;

	private final CloseableHttpClient http;

	Notifier(Subscriptions subscriptions, SubscriptionSettings settings, WebhookAddresses addresses, Clock clock) {
		this.subscriptions = subscriptions;
		this.settings = settings;
		this.clock = clock;
		Timeout limit = Timeout.of(settings.timeout());
		this.http = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDnsResolver(addresses)
				.setDefaultConnectionConfig(
						ConnectionConfig.custom().setConnectTimeout(limit).setSocketTimeout(limit).build())
				.build())
			.setDefaultRequestConfig(
					RequestConfig.custom().setResponseTimeout(limit).setConnectionRequestTimeout(limit).build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.build();
	}

	@EventListener
	void moved(TaskMoved moved) {
		String task = FhirFormat.JSON.write(moved.task());
		Date lastUpdated = moved.task().getMeta().getLastUpdated();
		Instant at = (lastUpdated != null) ? lastUpdated.toInstant() : this.clock.instant();
		// Counted and kept before the event is acknowledged: a slow endpoint never holds
		// up
		// the consumers, and a restart loses nothing counted.
		this.subscriptions.idsOf(moved.partnerId()).forEach(id -> this.subscriptions.enqueue(id, task, at));
		wake();
	}

	@Override
	protected void pollOnce() {
		for (String id : this.subscriptions.due(this.clock.instant())) {
			sendDue(id);
		}
	}

	/**
	 * Sends a subscription's pending notifications in order, while its endpoint takes
	 * them.
	 */
	private void sendDue(String id) {
		Duration lease = this.settings.timeout().multipliedBy(3);
		Optional<Subscriptions.Entry> claimed;
		while ((claimed = this.subscriptions.claim(id, this.clock.instant(), lease)).isPresent()) {
			Subscriptions.Entry subscription = claimed.get();
			Subscriptions.Pending first = subscription.pending().get(0);
			SubscriptionSettings.Retry retry = this.settings.retry();
			if (retry.passed(first.recordedAt(), this.clock.instant())) {
				log.warn("Subscription {} notification {} dropped after its deadline", id, first.number());
				this.subscriptions.dropped(id, first.number());
			}
			else if (acknowledged(subscription, first)) {
				this.subscriptions.delivered(id, first.number());
			}
			else {
				Instant now = this.clock.instant();
				this.subscriptions.retryAt(id, first.number(),
						retry.passed(first.recordedAt(), now) ? now : retry.nextAttempt(first.recordedAt(), now));
				return;
			}
		}
	}

	private boolean acknowledged(Subscriptions.Entry subscription, Subscriptions.Pending notification) {
		Task task = FhirFormat.JSON.read(Task.class, notification.task());
		String body = FhirFormat.JSON.write(bundle(this.settings.publicBase(), this.clock.instant(), subscription.id(),
				subscription.status(), notification.number(), notification.at(), task));
		// The same id on every try: a receiver that got it once can tell a repeat.
		String id = subscription.id() + "-" + notification.number();
		String timestamp = Long.toString(this.clock.instant().getEpochSecond());
		HttpPost request = new HttpPost(subscription.endpoint());
		request.setHeader("webhook-id", id);
		request.setHeader("webhook-timestamp", timestamp);
		request.setHeader("webhook-signature",
				WebhookSignatures.signatures(List.of(subscription.secret()), id, timestamp, body));
		request.setEntity(new StringEntity(body, FHIR_JSON));
		try {
			int status = this.http.execute(request, response -> {
				EntityUtils.consume(response.getEntity());
				return response.getCode();
			});
			if (status >= 200 && status < 300) {
				return true;
			}
			log.warn("Subscription {} notification {} answered {}", subscription.id(), notification.number(), status);
		}
		catch (IOException | RuntimeException ex) {
			// Its type only: a message may quote what it was sending.
			log.warn("Subscription {} notification {} not delivered: {}", subscription.id(), notification.number(),
					ex.getClass().getSimpleName());
		}
		return false;
	}

	@Override
	protected Duration pollInterval() {
		return this.settings.retry().pollInterval();
	}

	@Override
	protected String threadName() {
		return "fhir-subscription-notifier";
	}

	static Bundle bundle(URI publicBase, Instant sentAt, String subscriptionId, String subscriptionStatus, long number,
			Instant at, Task task) {
		Date now = Date.from(sentAt);
		Bundle bundle = new Bundle().setType(Bundle.BundleType.HISTORY).setTimestamp(now);
		bundle.setId(UUID.randomUUID().toString());
		Bundle.BundleEntryComponent status = bundle.addEntry()
			.setFullUrl("urn:uuid:" + UUID.randomUUID())
			.setResource(TaskStatusTopic.status(subscriptionId, subscriptionStatus, number, Date.from(at),
					task.getIdElement().getIdPart()));
		status.getRequest()
			.setMethod(Bundle.HTTPVerb.GET)
			.setUrl(publicBase + "/Subscription/" + subscriptionId + "/$status");
		status.getResponse().setStatus("200");
		Bundle.BundleEntryComponent entry = bundle.addEntry()
			.setFullUrl(publicBase + "/Task/" + task.getIdElement().getIdPart())
			.setResource(task);
		entry.getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Task/" + task.getIdElement().getIdPart());
		entry.getResponse().setStatus("200");
		return bundle;
	}

	@Override
	public void destroy() throws IOException {
		this.http.close();
	}

}
