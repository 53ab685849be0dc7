package ca.aiguillage.fhir.subscription;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import ca.aiguillage.fhir.conformance.FhirFormat;
import ca.aiguillage.fhir.task.TaskMoved;
import ca.aiguillage.platform.webhooks.WebhookAddresses;
import ca.aiguillage.platform.webhooks.WebhookSignatures;
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
 * One try: a partner that missed one reads its Tasks with {@code _lastUpdated}.
 */
@Component
class Notifier implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Notifier.class);

	private static final ContentType FHIR_JSON = ContentType.create("application/fhir+json", StandardCharsets.UTF_8);

	private final Subscriptions subscriptions;

	private final SubscriptionSettings settings;

	private final Clock clock;

	private final CloseableHttpClient http;

	// A slow partner endpoint must not hold up the consumers that move the Tasks.
	private final ExecutorService sender = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());

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
		List<Subscriptions.Entry> subscribed = this.subscriptions.of(moved.partnerId());
		for (Subscriptions.Entry subscription : subscribed) {
			this.sender.execute(() -> {
				try {
					notify(subscription, moved.task());
				}
				catch (RuntimeException ex) {
					// Its type only, as every failure here: a message may quote what it
					// was
					// sending.
					log.error("Subscription {} not notified: {}", subscription.id(), ex.getClass().getSimpleName());
				}
			});
		}
	}

	private void notify(Subscriptions.Entry subscription, Task task) {
		long number = this.subscriptions.nextEvent(subscription.id());
		String body = FhirFormat.JSON.write(bundle(subscription.id(), number, task));
		String id = subscription.id() + "-" + number;
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
			if (status >= 300) {
				log.warn("Subscription {} notification {} answered {}", subscription.id(), number, status);
			}
		}
		catch (IOException ex) {
			log.warn("Subscription {} notification {} not delivered: {}", subscription.id(), number,
					ex.getClass().getSimpleName());
		}
	}

	Bundle bundle(String subscriptionId, long number, Task task) {
		Date now = Date.from(this.clock.instant());
		Bundle bundle = new Bundle().setType(Bundle.BundleType.HISTORY).setTimestamp(now);
		bundle.setId(UUID.randomUUID().toString());
		Bundle.BundleEntryComponent status = bundle.addEntry()
			.setFullUrl("urn:uuid:" + UUID.randomUUID())
			.setResource(TaskStatusTopic.status(subscriptionId, number,
					task.getMeta().getLastUpdated() != null ? task.getMeta().getLastUpdated() : now,
					task.getIdElement().getIdPart()));
		status.getRequest()
			.setMethod(Bundle.HTTPVerb.GET)
			.setUrl(this.settings.publicBase() + "/Subscription/" + subscriptionId + "/$status");
		status.getResponse().setStatus("200");
		Bundle.BundleEntryComponent entry = bundle.addEntry()
			.setFullUrl(this.settings.publicBase() + "/Task/" + task.getIdElement().getIdPart())
			.setResource(task);
		entry.getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Task/" + task.getIdElement().getIdPart());
		entry.getResponse().setStatus("200");
		return bundle;
	}

	@Override
	public void destroy() throws IOException {
		this.sender.shutdownNow();
		this.http.close();
	}

}
