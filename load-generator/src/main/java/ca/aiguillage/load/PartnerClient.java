package ca.aiguillage.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

import ca.aiguillage.contracts.Topics;
import ca.aiguillage.contracts.referral.InboundReferralV1;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo partner system, as a partner's integration engine would be: referrals through
 * the partner API with a client-credentials token, or on its own inbound topic logged in
 * to the broker as itself.
 */
final class PartnerClient implements AutoCloseable {

	/** How many times one referral is sent at most, the first included. */
	private static final int MAX_SENDS = 60;

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.executor(Executors.newVirtualThreadPerTaskExecutor())
		.build();

	private final Target target;

	private final @Nullable KafkaProducer<String, String> producer;

	private final String keyPrefix = UUID.randomUUID().toString();

	private volatile String token;

	PartnerClient(Target target, boolean inbound) {
		this.target = target;
		this.token = token();
		this.producer = inbound ? new KafkaProducer<>(new HashMap<>(target.kafkaLogin().apply(Target.PARTNER)),
				new StringSerializer(), new StringSerializer()) : null;
	}

	/** A token from the authorization server, as any partner system gets one. */
	private String token() {
		String basic = Base64.getEncoder()
			.encodeToString((Target.PARTNER + ":" + Target.PARTNER_SECRET).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.target.issuer() + "/oauth2/token"))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("The demo partner got no token: HTTP " + response.statusCode());
			}
			return this.json.readTree(response.body()).get("access_token").asString();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not reach the authorization server at " + this.target.issuer(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Posts a referral through the partner API.
	 * @param referral the request body
	 * @param accepted where the answer's latency goes when the referral was accepted
	 * @param errors where a refusal is counted
	 * @return the referral id, or {@code null} when refused
	 * @throws IOException when referral-service could not be reached
	 * @throws InterruptedException when interrupted
	 */
	@Nullable String post(Map<String, Object> referral, long startNanos, Latency accepted, Errors errors)
			throws IOException, InterruptedException {
		return post(referral, startNanos, accepted, errors, null);
	}

	/**
	 * Posts a referral through the partner API and, when asked, sends it again after each
	 * 503 that says when ({@code Retry-After}), with the same {@code Idempotency-Key}, as
	 * a partner's integration engine does with a busy intake.
	 * @param referral the request body
	 * @param accepted where the answer's latency goes when the referral was accepted:
	 * from its first offer, waits for {@code Retry-After} included
	 * @param errors where a refusal is counted
	 * @param resent where each post sent again is counted; null not to send any again
	 * @return the referral id, or {@code null} when refused
	 * @throws IOException when referral-service could not be reached
	 * @throws InterruptedException when interrupted
	 */
	@Nullable String post(Map<String, Object> referral, long startNanos, Latency accepted, Errors errors,
			@Nullable LongAdder resent) throws IOException, InterruptedException {
		String body = this.json.writeValueAsString(referral);
		// One key per referral of this client: another run on the same stack sends other
		// bodies under other keys.
		@Nullable String key = (resent != null) ? this.keyPrefix + "-" + referral.get("partnerReference") : null;
		HttpResponse<String> answer = sendSignedIn(body, key);
		for (int sent = 1; resent != null && answer.statusCode() == 503 && sent < MAX_SENDS; sent++) {
			long retryAfter = answer.headers().firstValueAsLong("Retry-After").orElse(-1);
			if (retryAfter < 0) {
				break;
			}
			resent.increment();
			Thread.sleep(Duration.ofSeconds(retryAfter));
			answer = sendSignedIn(body, key);
		}
		if (answer.statusCode() != 201) {
			// A refusal's answer time is no acceptance's: a 503 of a full intake comes
			// back in its wait, and would make the accepted look faster than they were.
			errors.add("HTTP " + answer.statusCode());
			return null;
		}
		accepted.recordNanos(System.nanoTime() - startNanos);
		return this.json.readTree(answer.body()).get("referralId").asString();
	}

	private HttpResponse<String> sendSignedIn(String body, @Nullable String idempotencyKey)
			throws IOException, InterruptedException {
		HttpResponse<String> answer = send(body, idempotencyKey);
		if (answer.statusCode() == 401) {
			// The token expired during a long run: a partner gets a new one.
			this.token = token();
			answer = send(body, idempotencyKey);
		}
		return answer;
	}

	/**
	 * Withdraws one of the partner's referrals through the partner API, as its referrer
	 * does when the client no longer needs it.
	 * @param referralId the referral
	 * @return whether referral-service withdrew it (200)
	 * @throws IOException when referral-service could not be reached
	 * @throws InterruptedException when interrupted
	 */
	boolean withdraw(String referralId) throws IOException, InterruptedException {
		HttpResponse<String> answer = sendWithdrawal(referralId);
		if (answer.statusCode() == 401) {
			this.token = token();
			answer = sendWithdrawal(referralId);
		}
		return answer.statusCode() == 200;
	}

	private HttpResponse<String> sendWithdrawal(String referralId) throws IOException, InterruptedException {
		return this.http.send(HttpRequest
			.newBuilder(URI.create(this.target.referralApi() + "/api/v1/referrals/" + referralId + "/withdrawal"))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + this.token)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> send(String body, @Nullable String idempotencyKey)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(this.target.referralApi() + "/api/v1/referrals"))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + this.token)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Publishes a referral on the demo partner's inbound topic and waits for the broker's
	 * acknowledgement.
	 * @param referral the event's body (the partner API's request)
	 * @param acknowledged where the acknowledgement's latency goes
	 * @return the referral id referral-service will give it
	 * @throws Exception when the broker refused it
	 */
	String publish(Map<String, Object> referral, long startNanos, Latency acknowledged) throws Exception {
		if (this.producer == null) {
			throw new IllegalStateException("No inbound producer");
		}
		String eventId = UUID.randomUUID().toString();
		String reference = String.valueOf(referral.get("partnerReference"));
		ProducerRecord<String, String> record = new ProducerRecord<>(Topics.inboundOf(Target.PARTNER), reference,
				this.json.writeValueAsString(referral));
		Map<String, String> headers = Map.of("ce_specversion", "1.0", "ce_id", eventId, "ce_type",
				InboundReferralV1.TYPE, "ce_source", "/load-generator", "ce_subject", reference, "content-type",
				"application/json");
		headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
		this.producer.send(record).get();
		acknowledged.recordNanos(System.nanoTime() - startNanos);
		// referral-service names an inbound referral after its partner and event id.
		return UUID.nameUUIDFromBytes((Target.PARTNER + "|" + eventId).getBytes(StandardCharsets.UTF_8)).toString();
	}

	@Override
	public void close() {
		if (this.producer != null) {
			this.producer.close(Duration.ofSeconds(10));
		}
		this.http.close();
	}

}
