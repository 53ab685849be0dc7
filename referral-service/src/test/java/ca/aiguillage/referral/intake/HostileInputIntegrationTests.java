package ca.aiguillage.referral.intake;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.Topics;
import ca.aiguillage.referral.portal.AuthorizationServerBeside;
import ca.aiguillage.testing.HostileInputs;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.KafkaProbe;
import ca.aiguillage.testing.KafkaProbe.WireRecord;
import ca.aiguillage.testing.PageForm;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile input, measured: generated malformed and hostile inputs (10,000 by default,
 * {@code -Daiguillage.fuzz.inputs}; {@code -Daiguillage.fuzz.seed} replays a run) at
 * every door of intake: the partner API with a real token, the self-referral endpoint and
 * page, the partner portal's form (signed in through the real authorization server, with
 * its CSRF token) and a partner's inbound topic. None gets a 5xx or a stack trace, a
 * refused one stores nothing, and no value of any input reaches the logs or a dead
 * letter's reason.
 */
@ServiceIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(
		properties = { "spring.config.name=referral-service", "referral.self-referral.limit-per-address=1000000",
				"referral.self-referral.budget-per-destination=1000000", "referral.self-referral.budget-global=1000000",
				"aiguillage.inbound.topics=referrals.inbound.clsc-ahuntsic,referrals.inbound.clsc-fuzz" })
class HostileInputIntegrationTests extends RunningService {

	private static final Logger log = LoggerFactory.getLogger(HostileInputIntegrationTests.class);

	private static final int INPUTS = Integer.getInteger("aiguillage.fuzz.inputs", 10_000);

	private static final long SEED = Long.getLong("aiguillage.fuzz.seed", ThreadLocalRandom.current().nextLong());

	private static final String PARTNER = "clsc-fuzz";

	/**
	 * What a body may never show: a stack frame, an exception's class, a Java package.
	 */
	private static final Pattern INTERNALS = Pattern.compile("\\bat [\\w$]+(\\.[\\w$]+)+\\(|[A-Z]\\w*Exception\\b"
			+ "|\\b(java|javax|jakarta|org\\.springframework|tools\\.jackson|com\\.fasterxml|ca\\.aiguillage)\\.[a-z]");

	private static final Predicate<Http.Answer> API_ACCEPTED = (answer) -> answer.status() >= 200
			&& answer.status() < 300;

	/** A page answers 200 both to a refusal and an acceptance. */
	private static final Predicate<Http.Answer> PAGE_ACCEPTED = (answer) -> answer.body()
		.contains("Votre demande est reçue");

	/** The portal sends an accepted referral on to the list that shows it sent. */
	private static final Predicate<Http.Answer> PORTAL_ACCEPTED = (answer) -> answer.status() == 302
			&& String.valueOf(answer.header("Location")).contains("/partner/referrals?sent=");

	static final int AUTHORIZATION_PORT = AuthorizationServerBeside.freePort();

	static ConfigurableApplicationContext authorization;

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final HostileInputs hostile = new HostileInputs(SEED);

	private final Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();

	@Autowired
	MongoOperations mongo;

	@Value("${local.server.port}")
	int port;

	@DynamicPropertySource
	static void portalSignsInThroughTheRealAuthorizationServer(DynamicPropertyRegistry registry) {
		registry.add("referral.portal.issuer", () -> AuthorizationServerBeside.issuer(AUTHORIZATION_PORT));
	}

	@BeforeAll
	static void startTheAuthorizationServer() throws IOException {
		authorization = AuthorizationServerBeside.start(AUTHORIZATION_PORT, null);
	}

	@AfterAll
	static void stopTheAuthorizationServer() {
		if (authorization != null) {
			authorization.close();
		}
	}

	@Test
	void noHostileInputAtAnyDoorGetsA5xxLeavesPartialStateOrReachesTheLogs(CapturedOutput output) {
		int api = INPUTS * 45 / 100;
		int selfApi = INPUTS * 20 / 100;
		int page = INPUTS * 20 / 100;
		int portal = INPUTS * 5 / 100;
		int inbound = INPUTS - api - selfApi - page - portal;

		partnerApi(api);
		selfReferralEndpoint(selfApi);
		selfReferralPage(page);
		partnerPortal(portal);
		inboundTopic(inbound);

		int sent = this.statuses.values().stream().flatMap(counts -> counts.values().stream()).mapToInt(i -> i).sum();
		long fivexx = this.statuses.values()
			.stream()
			.flatMap(counts -> counts.entrySet().stream())
			.filter(count -> count.getKey() >= 500)
			.mapToInt(Map.Entry::getValue)
			.sum();
		log.info("Hostile inputs (seed {}): {} sent, {} with a 5xx; statuses per door: {}", SEED, sent, fivexx,
				this.statuses);
		assertThat(sent).isGreaterThanOrEqualTo(INPUTS);
		assertThat(fivexx).isZero();
		assertThat(this.hostile.leakedInto(output.getAll())).as("input values in the logs (seed %d)", SEED).isEmpty();
	}

	@Test
	void formFieldsIndexedOutOfRangeAreIgnoredNotAServerError() {
		PageForm form = PageForm.open(this.port, "/self-referral");
		for (String field : List.of("client.languages[-1]", "needs.availability[100000].day", "needs.approaches[-5]")) {
			Map<String, List<String>> fields = new HashMap<>(ExampleReferrals.someoneAsForm());
			fields.put(field, List.of("fr"));

			Http.Answer answer = form.post("/self-referral", fields);

			assertThat(answer.status()).as(field).isLessThan(500);
		}
	}

	private void partnerApi(int count) {
		String token = this.tokens.partner(PARTNER);
		for (int i = 0; i < count; i++) {
			String body = this.hostile.jsonBody(valid());
			List<String> headers = new ArrayList<>(List.of("Authorization", "Bearer " + token));
			headers.addAll(List.of("Content-Type",
					this.hostile.chance(12) ? this.hostile.wrongContentType() : "application/json"));
			if (this.hostile.chance(10)) {
				headers.addAll(List.of("Idempotency-Key", this.hostile.pick(List.of("=cmd|' /C calc'!A0", "$gt",
						"k".repeat(101), "a b", "{\"$ne\":1}", this.hostile.canary()))));
			}
			if (this.hostile.chance(10)) {
				headers.addAll(List.of("Accept-Language", "en"));
			}
			answered("partner API", () -> post("/api/v1/referrals", body, headers), false);
		}
	}

	private void selfReferralEndpoint(int count) {
		Http.Answer csrf = this.anonymous.get("/api/v1/self-referrals/csrf");
		List<String> session = List.of("Cookie", csrf.header("Set-Cookie").split(";")[0], csrf.json("$.headerName"),
				csrf.json("$.token"));
		for (int i = 0; i < count; i++) {
			String body = this.hostile.jsonBody(valid());
			List<String> headers = new ArrayList<>(session);
			headers.addAll(List.of("Content-Type",
					this.hostile.chance(12) ? this.hostile.wrongContentType() : "application/json"));
			answered("self-referral API", () -> post("/api/v1/self-referrals", body, headers), false);
		}
	}

	private void selfReferralPage(int count) {
		PageForm form = PageForm.open(this.port, "/self-referral");
		for (int i = 0; i < count; i++) {
			if (this.hostile.chance(10)) {
				String body = this.hostile.jsonBody(valid());
				String type = this.hostile.pick(List.of("application/json", this.hostile.wrongContentType()));
				answered("self-referral page", () -> form.postRaw("/self-referral", type.isEmpty() ? null : type, body),
						true);
			}
			else {
				Map<String, List<String>> fields = this.hostile.formFields(validForm());
				String path = this.hostile.pick(List.of("/self-referral", "/self-referral", "/self-referral/consent"));
				answered("self-referral page", () -> form.post(path, fields), true);
			}
		}
	}

	// A partner's staff member signed in through the real authorization server: the form
	// with its session and CSRF token, as the portal's page posts it.
	private void partnerPortal(int count) {
		PageForm session = PageForm.signedIn(this.port, "/partner/referrals/new", "intervenant.ahuntsic",
				"intervenant-demo");
		answered("partner portal, signed in", () -> session.post("/partner/referrals", validForm()), PORTAL_ACCEPTED);
		assertThat(this.statuses.get("partner portal, signed in")).as("a valid form is accepted").containsKey(302);
		for (int i = 1; i < count; i++) {
			if (this.hostile.chance(10)) {
				String body = this.hostile.jsonBody(valid());
				String type = this.hostile.pick(List.of("application/json", this.hostile.wrongContentType()));
				stillSignedIn(answered("partner portal, signed in",
						() -> session.postRaw("/partner/referrals", type.isEmpty() ? null : type, body),
						PORTAL_ACCEPTED));
			}
			else {
				Map<String, List<String>> fields = this.hostile.formFields(validForm());
				stillSignedIn(answered("partner portal, signed in", () -> session.post("/partner/referrals", fields),
						PORTAL_ACCEPTED));
			}
		}
	}

	// No input may end the session: a redirect goes to the list of sent referrals, never
	// to sign in again.
	private static void stillSignedIn(Http.Answer answer) {
		assertThat(answer.status() != 302 || PORTAL_ACCEPTED.test(answer)).as(answer.header("Location")).isTrue();
	}

	private void inboundTopic(int count) {
		String topic = Topics.inboundOf(PARTNER);
		long before = stored();
		List<WireRecord> records = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String eventId = UUID.randomUUID().toString();
			Map<String, String> headers = KafkaProbe.cloudEventHeaders(eventId, EventCatalog.INBOUND_REFERRAL_V1.type(),
					"FUZZ-" + i);
			if (this.hostile.chance(10)) {
				String header = this.hostile
					.pick(List.of("ce_specversion", "ce_type", "ce_source", "ce_subject", "ce_time", "content-type"));
				// CloudEvents attributes are no personal value: the platform may quote
				// them, escaped.
				headers.put(header, HostileInputs.CANARY.matcher(this.hostile.text()).replaceAll("attribute"));
			}
			records.add(new WireRecord("FUZZ-" + i, this.hostile.jsonBody(valid()), headers));
		}
		this.kafka.sendAll(topic, records);
		await().atMost(ofSeconds(180)).until(() -> this.kafka.hasConsumedEverything("referral-service", topic));

		Map<String, WireRecord> dead = this.kafka.readAll("error." + topic + ".referral-service")
			.stream()
			.collect(Collectors.toMap(record -> record.header("ce_id"), record -> record, (a, b) -> a));
		List<String> storedIds = records.stream()
			.map(record -> UUID
				.nameUUIDFromBytes((PARTNER + "|" + record.header("ce_id")).getBytes(StandardCharsets.UTF_8))
				.toString())
			.toList();
		Set<String> accepted = this.mongo.find(Query.query(Criteria.where("_id").in(storedIds)), Map.class, "referrals")
			.stream()
			.map(document -> String.valueOf(document.get("_id")))
			.collect(Collectors.toSet());
		Map<Integer, Integer> outcomes = this.statuses.computeIfAbsent("inbound topic", door -> new TreeMap<>());
		for (WireRecord record : records) {
			String id = UUID
				.nameUUIDFromBytes((PARTNER + "|" + record.header("ce_id")).getBytes(StandardCharsets.UTF_8))
				.toString();
			boolean deadLettered = dead.containsKey(record.header("ce_id"));
			assertThat(deadLettered && accepted.contains(id)).as("dead-lettered and stored: %s", id).isFalse();
			// 201 for a stored referral, 400 for a dead letter, 202 for an event ignored
			// as another type.
			outcomes.merge(accepted.contains(id) ? 201 : deadLettered ? 400 : 202, 1, Integer::sum);
		}
		assertThat(stored()).isEqualTo(before + accepted.size());
		dead.values()
			.forEach(record -> assertThat(this.hostile.leakedInto(String.valueOf(record.header("x-exception-message"))))
				.as("input values in a dead letter's reason (seed %d)", SEED)
				.isEmpty());
	}

	/**
	 * Calls a door once and checks the answer; a page answers 200 both to a refusal and
	 * an acceptance.
	 */
	private void answered(String door, Supplier<Http.Answer> call, boolean page) {
		answered(door, call, page ? PAGE_ACCEPTED : API_ACCEPTED);
	}

	private Http.Answer answered(String door, Supplier<Http.Answer> call, Predicate<Http.Answer> accepts) {
		long before = stored();
		Http.Answer answer = call.get();
		long after = stored();
		this.statuses.computeIfAbsent(door, key -> new TreeMap<>()).merge(answer.status(), 1, Integer::sum);
		String seen = door + " answered " + answer.status() + " (seed " + SEED + "): "
				+ answer.body().substring(0, Math.min(600, answer.body().length()));
		assertThat(answer.status()).as(seen).isLessThan(500);
		assertThat(INTERNALS.matcher(answer.body()).find()).as(seen).isFalse();
		boolean accepted = accepts.test(answer);
		assertThat(after - before).as(seen).isEqualTo(accepted ? 1 : 0);
		return answer;
	}

	private Http.Answer post(String path, String body, List<String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(body));
		for (int i = 0; i + 1 < headers.size(); i += 2) {
			if (!headers.get(i + 1).isEmpty()) {
				request.header(headers.get(i), headers.get(i + 1));
			}
		}
		try {
			HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
			Map<String, String> first = new HashMap<>();
			response.headers().map().forEach((name, values) -> first.put(name.toLowerCase(), values.get(0)));
			return new Http.Answer(response.statusCode(), first, response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(path + " did not answer: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The example, its client's names and contact made of canaries. */
	private String valid() {
		return ExampleReferrals.EXAMPLE.replace("\"Tremblay\"", "\"Tremblay-" + this.hostile.canary() + "\"")
			.replace("marie-eve.tremblay@example.org", this.hostile.canary() + "@example.org")
			.replace("+1 514 555 0142", String.format("+1 514 555 %04d", this.hostile.index(10_000)))
			.replace("Anxiété persistante", "Anxiété " + this.hostile.canary());
	}

	private Map<String, List<String>> validForm() {
		Map<String, List<String>> fields = new HashMap<>(ExampleReferrals.someoneAsForm());
		fields.put("client.lastName", List.of("Tremblay-" + this.hostile.canary()));
		fields.put("client.email", List.of(this.hostile.canary() + "@example.org"));
		fields.put("needs.reason", List.of("Anxiété " + this.hostile.canary()));
		return fields;
	}

	private long stored() {
		return this.mongo.count(new Query(), "referrals");
	}

}
