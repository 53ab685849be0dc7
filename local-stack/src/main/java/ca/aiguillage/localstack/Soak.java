package ca.aiguillage.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import ca.aiguillage.localstack.ProcessStack.Part;
import ca.aiguillage.localstack.invariants.InvariantChecker;
import ca.aiguillage.localstack.invariants.InvariantReport;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import tools.jackson.databind.json.JsonMapper;

/**
 * The soak (not a test): N referrals of distinct people at a steady rate through the
 * local stack with one process per part, one fault a minute rotating through the fault
 * suite's faults, then the invariant checker once the stack is quiet. Prints its report
 * and writes it to {@code local-stack/target/soak-report.md}.
 * <p>
 * {@code Soak [referrals=10000] [per-second=5] [partners=4]}: that many partner systems
 * post side by side, each one referral at a time, the same Idempotency-Key on each try.
 */
public final class Soak {

	private static final Duration FAULT_EVERY = Duration.ofMinutes(1);

	private static final Duration OUTAGE = Duration.ofSeconds(30);

	// How long to wait for a quiet stack after the last post: the 10,000-referral soak of
	// 2026-12-04 needed more than 20 minutes for notification-service's backlog.
	private static final Duration QUIET_WITHIN = Duration
		.parse(System.getProperty("aiguillage.soak.quiet-within", "PT1H"));

	/** The faults, in the order they come round. */
	enum Fault {

		KILL_MATCHING("kill -9 matching-service, restart"), PAUSE_WAITLIST("SIGSTOP waitlist-service 30 s, SIGCONT"),
		KILL_REFERRAL("kill -9 referral-service, restart"), KILL_BROKER("kill -9 broker, restart"),
		PROVIDERS_DOWN("SMTP and SMS down 30 s"), KILL_DATABASE_AND_BROKER("kill -9 database and broker, restart");

		final String label;

		Fault(String label) {
			this.label = label;
		}

	}

	private Soak() {
	}

	public static void main(String[] args) throws Exception {
		int referrals = (args.length > 0) ? Integer.parseInt(args[0]) : 10_000;
		double perSecond = (args.length > 1) ? Double.parseDouble(args[1]) : 5;
		int partners = (args.length > 2) ? Integer.parseInt(args[2]) : 4;
		Instant started = Instant.now();
		try (ProcessStack stack = ProcessStack.startForCommand("soak")) {
			Map<Fault, Integer> applied = new EnumMap<>(Fault.class);
			AtomicBoolean posting = new AtomicBoolean(true);
			Thread faults = Thread.ofPlatform().name("soak-faults").start(() -> injectFaults(stack, posting, applied));
			Posted posted = post(stack, referrals, perSecond, partners);
			posting.set(false);
			faults.join();
			Instant postedAt = Instant.now();
			Outcome outcome = awaitQuiet(stack, posted);
			String report = report(referrals, perSecond, started, postedAt, applied, posted, outcome);
			System.out.print(report);
			Path file = Path.of(System.getProperty("aiguillage.soak.report", "local-stack/target/soak-report.md"));
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.writeString(file, report);
		}
	}

	/**
	 * What the partners posted.
	 *
	 * @param ids the referrals accepted
	 * @param retried the tries that were not answered with an acceptance
	 * @param acceptedBy how many were accepted by each referral-service instance (1,
	 * 2...)
	 */
	record Posted(List<String> ids, int retried, Map<Integer, Integer> acceptedBy) {
	}

	record Outcome(int lost, int duplicated, Duration quietAfter, InvariantReport invariants) {
	}

	static Posted post(ProcessStack stack, int referrals, double perSecond, int partners) throws InterruptedException {
		JsonMapper json = JsonMapper.builder().build();
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		List<String> ids = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger retried = new AtomicInteger();
		Map<Integer, Integer> acceptedBy = new ConcurrentHashMap<>();
		AtomicReference<RuntimeException> refused = new AtomicReference<>();
		long start = System.nanoTime();
		// Several partners' systems post side by side, each one referral at a time: the
		// rate holds while one waits for an answer.
		List<Thread> senders = new ArrayList<>();
		for (int partner = 0; partner < partners; partner++) {
			int first = partner;
			senders.add(Thread.ofPlatform().name("soak-partner-" + partner).start(() -> {
				try {
					String token = DemoReferrals.demoPartnerToken(http, json, stack.issuer());
					for (int n = first; n < referrals && refused.get() == null; n += partners) {
						long wait = start + (long) (n * 1e9 / perSecond) - System.nanoTime();
						if (wait > 0) {
							// The steady rate.
							Thread.sleep(Duration.ofNanos(wait));
						}
						token = postOne(stack, http, json, token, n, ids, retried, acceptedBy);
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				catch (RuntimeException ex) {
					refused.compareAndSet(null, ex);
				}
			}));
		}
		for (Thread sender : senders) {
			sender.join();
		}
		if (refused.get() != null) {
			throw refused.get();
		}
		return new Posted(ids, retried.get(), new TreeMap<>(acceptedBy));
	}

	/**
	 * Posts referral n until it is accepted, as a partner's system would: the same
	 * Idempotency-Key on every try, so that a try whose answer was lost is not a second
	 * referral. With more than one referral-service instance, the referrals and the tries
	 * go to each in turn: a partner's load balancer would spread them so.
	 * @return the token to use next
	 */
	private static String postOne(ProcessStack stack, HttpClient http, JsonMapper json, String token, int n,
			List<String> ids, AtomicInteger retried, Map<Integer, Integer> acceptedBy) throws InterruptedException {
		String body = json.writeValueAsString(DemoReferrals.distinctPerson(n, "SOAK"));
		String current = token;
		int instances = stack.instances(Part.REFERRAL);
		for (int attempt = 0;; attempt++) {
			int instance = 1 + (n + attempt) % instances;
			try {
				HttpResponse<String> answer = http.send(HttpRequest
					.newBuilder(
							URI.create("http://127.0.0.1:" + stack.port(Part.REFERRAL, instance) + "/api/v1/referrals"))
					.timeout(Duration.ofSeconds(30))
					.header("Content-Type", "application/json")
					.header("Authorization", "Bearer " + current)
					.header("Idempotency-Key", "soak-" + n)
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString());
				if (answer.statusCode() == 201 || answer.statusCode() == 200) {
					ids.add(json.readTree(answer.body()).get("referralId").asString());
					acceptedBy.merge(instance, 1, Integer::sum);
					return current;
				}
				if (answer.statusCode() == 401) {
					current = DemoReferrals.demoPartnerToken(http, json, stack.issuer());
				}
				else if (answer.statusCode() < 500 && answer.statusCode() != 429) {
					throw new IllegalStateException("Referral " + n + " refused with HTTP " + answer.statusCode());
				}
			}
			catch (IOException ex) {
				// referral-service (or what it needs) is down: a partner tries again.
			}
			retried.incrementAndGet();
			Thread.sleep(Duration.ofSeconds(1));
		}
	}

	private static void injectFaults(ProcessStack stack, AtomicBoolean posting, Map<Fault, Integer> applied) {
		Fault[] rotation = Fault.values();
		try {
			for (int i = 0; posting.get(); i++) {
				Instant next = Instant.now().plus(FAULT_EVERY);
				while (posting.get() && Instant.now().isBefore(next)) {
					Thread.sleep(Duration.ofSeconds(1));
				}
				if (!posting.get()) {
					return;
				}
				Fault fault = rotation[i % rotation.length];
				System.out.println("Soak: " + fault.label);
				apply(stack, fault);
				applied.merge(fault, 1, Integer::sum);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void apply(ProcessStack stack, Fault fault) throws InterruptedException {
		switch (fault) {
			case KILL_MATCHING -> stack.restart(Part.MATCHING);
			case PAUSE_WAITLIST -> {
				stack.pause(Part.WAITLIST);
				Thread.sleep(OUTAGE);
				stack.resume(Part.WAITLIST);
			}
			case KILL_REFERRAL -> stack.restart(Part.REFERRAL);
			case KILL_BROKER -> stack.restart(Part.KAFKA);
			case PROVIDERS_DOWN -> {
				stack.stopSmtp();
				stack.stopSms();
				Thread.sleep(OUTAGE);
				stack.startSmtp();
				stack.startSms();
			}
			case KILL_DATABASE_AND_BROKER -> {
				stack.kill(Part.MONGO);
				stack.kill(Part.KAFKA);
				stack.restart(Part.MONGO);
				stack.restart(Part.KAFKA);
			}
		}
	}

	static Outcome awaitQuiet(ProcessStack stack, Posted posted) throws InterruptedException {
		long since = System.nanoTime();
		Instant giveUp = Instant.now().plus(QUIET_WITHIN);
		while (true) {
			InvariantReport invariants;
			try (InvariantChecker checker = new InvariantChecker(stack.directMongoUri(),
					stack.kafkaClientSettings(KafkaPrincipals.ADMIN), stack.providersReceived(), Clock.systemUTC())) {
				invariants = checker.check();
			}
			int[] lostAndDuplicated = lostAndDuplicated(stack, posted.ids());
			Duration after = Duration.ofNanos(System.nanoTime() - since);
			if ((invariants.allHold() && lostAndDuplicated[0] == 0) || Instant.now().isAfter(giveUp)) {
				return new Outcome(lostAndDuplicated[0], lostAndDuplicated[1], after, invariants);
			}
			Thread.sleep(Duration.ofSeconds(5));
		}
	}

	// Lost: acknowledged but with no decision in the queue. Duplicated: one person, more
	// than one referral.
	private static int[] lostAndDuplicated(ProcessStack stack, List<String> ids) {
		try (MongoClient client = MongoClients.create(stack.directMongoUri())) {
			Map<String, String> queued = new HashMap<>();
			for (Document entry : client.getDatabase("waitlist").getCollection("queue").find()) {
				queued.put(String.valueOf(entry.get("_id")), entry.getString("status"));
			}
			int lost = (int) ids.stream().filter((id) -> queued.get(id) == null).count();
			Map<String, AtomicInteger> byReference = new HashMap<>();
			for (Document referral : client.getDatabase("referral")
				.getCollection("referrals")
				.find(Filters.regex("request.partnerReference", "^SOAK-"))) {
				byReference
					.computeIfAbsent(referral.get("request", Document.class).getString("partnerReference"),
							(reference) -> new AtomicInteger())
					.incrementAndGet();
			}
			int duplicated = (int) byReference.values().stream().filter((count) -> count.get() > 1).count();
			return new int[] { lost, duplicated };
		}
	}

	private static String report(int referrals, double perSecond, Instant started, Instant postedAt,
			Map<Fault, Integer> applied, Posted posted, Outcome outcome) {
		StringBuilder report = new StringBuilder();
		report.append(String.format(
				"# Soak: %,d referrals at %.1f a second, one fault a minute%n%nStarted %s; posting took %d s; quiet %.0f s after the last post.%n%n",
				referrals, perSecond, started, Duration.between(started, postedAt).toSeconds(),
				outcome.quietAfter().toMillis() / 1000.0));
		report
			.append("| referrals | accepted | posts retried | lost | duplicated |\n| --- | --- | --- | --- | --- |\n");
		report.append(String.format("| %d | %d | %d | %d | %d |%n%n", referrals, posted.ids().size(), posted.retried(),
				outcome.lost(), outcome.duplicated()));
		report.append("| fault | times |\n| --- | --- |\n");
		applied.forEach(
				(fault, times) -> report.append("| ").append(fault.label).append(" | ").append(times).append(" |\n"));
		report.append('\n').append(outcome.invariants().markdown());
		return report.toString();
	}

}
