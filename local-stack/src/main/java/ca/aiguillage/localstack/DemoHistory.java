package ca.aiguillage.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Six months of a demo network's life, played on a first start by actors through the
 * public APIs while every service runs on one fast {@link DemoClock}: a partner system
 * posts referrals at the simulator's arrival rate, and clients refer themselves through
 * the public form at the simulator's share; the services match, propose and queue as they
 * always do; clients who take text messages answer most of their proposals through the
 * link they were sent; coordinators, with their own sign-in, record the other answers
 * (accepted, declined, not reachable), first sessions and ends of therapy. When the demo
 * time reaches the real time the actors stop and the stack is the newcomer's, with waits,
 * caseloads and forecasts that have a past.
 */
public final class DemoHistory {

	private static final Logger log = LoggerFactory.getLogger(DemoHistory.class);

	/** The file in the data directory that says the history was played (or begun). */
	static final String MARKER = "demo-history.txt";

	private static final ZoneId QUEBEC = ZoneId.of("America/Toronto");

	private static final List<String> COORDINATORS = List.of("org-centre-st-pierre", "coordination.st-pierre",
			"org-montreal-nord", "coordination.montreal-nord", "org-laval", "coordination.laval", "org-outaouais",
			"coordination.outaouais");

	/**
	 * The actions of clients answering through their link: {@code client-link-accept}.
	 */
	private static final String LINK = "client-link-";

	/**
	 * When a client's link answer has not come this long after its time, they are called.
	 */
	private static final Duration CALL_AFTER = Duration.ofDays(2);

	private static final String DECLINED = "Démo : la plage proposée ne convient pas.";

	/** Coordinators look at the queue every few demo hours, as people do. */
	private static final int READ_QUEUE_EVERY_HOURS = 6;

	/**
	 * How long the clock waits at most, before coordinators look at the queue, for the
	 * services to read what was published.
	 */
	private static final Duration CATCH_UP = Duration.ofSeconds(10);

	/**
	 * How much history to play, how fast.
	 *
	 * @param weeks the weeks of history
	 * @param demoHourEvery the real time one demo hour takes
	 * @param parameters the simulator's figures ({@code demo-history.properties})
	 */
	public record Plan(int weeks, Duration demoHourEvery, Properties parameters) {

		/**
		 * @return six months as shipped, with {@code -Daiguillage.demo-history.<name>}
		 * overrides
		 */
		public static Plan shipped() {
			Properties parameters = DemoPopulation.shippedParameters();
			return new Plan(Integer.parseInt(parameters.getProperty("weeks").strip()),
					Duration.ofMillis(Long.parseLong(parameters.getProperty("demo-hour-millis").strip())), parameters);
		}

		/**
		 * @param weeks fewer or more weeks
		 * @param demoHourEvery another pace
		 * @param overrides parameters to change
		 * @return the shipped plan, changed
		 */
		public static Plan shorter(int weeks, Duration demoHourEvery, Map<String, String> overrides) {
			Properties parameters = DemoPopulation.shippedParameters();
			overrides.forEach(parameters::setProperty);
			return new Plan(weeks, demoHourEvery, parameters);
		}

	}

	private final Plan plan;

	private final DemoClock clock;

	private final DemoPopulation population;

	private final String issuer;

	private final String referralService;

	private final String waitlistService;

	private final int matchingPort;

	private final DemoClients clients;

	private final Backlog backlog;

	/** The mobile numbers of the clients who answer through their link, by referral. */
	private final Map<String, String> answeringByLink = new HashMap<>();

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, String> tokens = new HashMap<>();

	/** What the actors will do next, per referral. */
	private final Map<String, Intent> intents = new HashMap<>();

	private final Map<String, Integer> done = new TreeMap<>();

	private int posted;

	private int selfReferred;

	private DemoHistory(Plan plan, DemoClock clock, String issuer, List<Integer> servicePorts, String smsProvider,
			Backlog backlog) {
		this.plan = plan;
		this.clock = clock;
		this.population = new DemoPopulation(plan.parameters(), 2026);
		this.issuer = issuer;
		this.referralService = "http://127.0.0.1:" + servicePorts.get(0);
		this.matchingPort = servicePorts.get(1);
		this.waitlistService = "http://127.0.0.1:" + servicePorts.get(2);
		this.clients = new DemoClients(servicePorts.get(0), servicePorts.get(3), smsProvider);
		this.backlog = backlog;
	}

	/**
	 * Whether this start plays the history: a plan was given, the data directory never
	 * had one and holds no referral yet.
	 * @param plan the plan, or null when the history is off
	 * @param dataDir the data directory
	 * @param mongoUri the database, running
	 * @return whether to play it
	 */
	static boolean due(@Nullable Plan plan, Path dataDir, String mongoUri) {
		if (plan == null || played(dataDir)) {
			return false;
		}
		try (MongoClient client = MongoClients.create(mongoUri)) {
			return !DemoReferrals.anyReferralStored(client);
		}
	}

	/**
	 * @param dataDir the data directory
	 * @return whether its data holds a demo history (played, or begun and interrupted)
	 */
	static boolean played(Path dataDir) {
		return Files.exists(dataDir.resolve(MARKER));
	}

	/**
	 * Says, on a start of one process per part, that the history is not played there:
	 * each part has its own JVM, and the demo clock is one object within one JVM.
	 * @param plan the plan, or null when the history is off
	 * @param dataDir the data directory
	 * @return whether it said so (a history was asked for and never played here)
	 */
	static boolean notPlayedInProcesses(@Nullable Plan plan, Path dataDir) {
		if (plan == null || played(dataDir)) {
			return false;
		}
		log.warn("Historique de démonstration : pas joué avec --processes (chaque partie a sa JVM, l'horloge de "
				+ "démonstration n'existe que dans une JVM) ; seules quelques demandes de démonstration sont chargées. "
				+ "Pour six mois d'historique, lancez ./run-local.sh sans --processes (docs/demo-history.md).");
		return true;
	}

	/**
	 * @param plan the plan
	 * @return the clock every service gets: the history's first day, running fast
	 */
	static DemoClock clockFor(Plan plan) {
		return new DemoClock(Instant.now().minus(Duration.ofDays(7L * plan.weeks())), plan.demoHourEvery());
	}

	/**
	 * Plays the history until the demo time reaches the real time.
	 * @param plan the plan
	 * @param clock the services' clock, from {@link #clockFor(Plan)}
	 * @param dataDir where to mark that it was played
	 * @param issuer the authorization server
	 * @param servicePorts the ports of referral, matching, waitlist and notification
	 * @param smsProvider the local SMS provider's base URL, where the clients read their
	 * text messages
	 */
	static void play(Plan plan, DemoClock clock, Path dataDir, String issuer, List<Integer> servicePorts,
			String smsProvider, Map<String, Object> brokerAdministrator) {
		mark(dataDir, "begun " + Instant.now() + " (interrupted if this line is the last one)\n");
		long started = System.nanoTime();
		DemoHistory history;
		try (Backlog backlog = new Backlog(brokerAdministrator)) {
			history = new DemoHistory(plan, clock, issuer, servicePorts, smsProvider, backlog);
			history.run();
		}
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		mark(dataDir, "played " + Instant.now() + " in " + took.toSeconds() + " s: " + history.posted + " referrals ("
				+ history.selfReferred + " self-referrals), " + history.done + "\n");
		log.info("Historique de démonstration terminé en {} s : {} demandes dont {} autoréférences, actions {}",
				took.toSeconds(), history.posted, history.selfReferred, history.done);
	}

	private static void mark(Path dataDir, String line) {
		try {
			Files.createDirectories(dataDir);
			Files.writeString(dataDir.resolve(MARKER), line, java.nio.file.StandardOpenOption.CREATE,
					java.nio.file.StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void run() {
		// The directory first, so that every proposal and page of the history names a
		// demo therapist as one.
		DemoTherapists.mark(this.matchingPort, token("admin"));
		this.clock.run();
		Instant start = this.clock.instant();
		List<Instant> arrivals = arrivals(start);
		int next = 0;
		long lastWeek = -1;
		List<JsonNode> open = List.of();
		for (long hour = 0; !this.clock.caughtUp(); hour++) {
			long hourStarted = System.nanoTime();
			Instant now = this.clock.instant();
			while (next < arrivals.size() && !arrivals.get(next).isAfter(now)) {
				post(++next);
			}
			long week = Duration.between(start, now).toDays() / 7 + 1;
			if (week != lastWeek && week <= this.plan.weeks()) {
				lastWeek = week;
				log.info("Historique de démonstration : semaine {} sur {} ({} demandes, {} dossiers ouverts)", week,
						this.plan.weeks(), this.posted, open.size());
			}
			if (hour % READ_QUEUE_EVERY_HOURS == 0) {
				// What happened so far reached every service (a text message sent, a
				// proposal made) before anyone acts on it: on a busy machine the demo
				// hours take longer, the history stays the same.
				this.backlog.awaitEmpty(CATCH_UP);
				open = openReferrals();
				for (JsonNode item : open) {
					act(item, this.clock.instant());
				}
			}
			// The hour takes its real time, or longer when the work did: never shorter.
			pause(this.plan.demoHourEvery().minusNanos(System.nanoTime() - hourStarted));
			this.clock.nextHour();
		}
	}

	/**
	 * The demo times referrals arrive: the backlog on the first day, then each week's.
	 */
	private List<Instant> arrivals(Instant start) {
		List<Instant> arrivals = new ArrayList<>();
		for (int i = 0; i < this.population.initialBacklog(); i++) {
			arrivals.add(start.plus(Duration.ofMinutes(10L * i)));
		}
		for (int week = 0; week < this.plan.weeks(); week++) {
			Instant weekStart = start.plus(Duration.ofDays(7L * week));
			int count = this.population.arrivals(this.population.arrivalsPerWeek(weekStart.atZone(QUEBEC).getMonth()));
			for (int i = 0; i < count; i++) {
				arrivals.add(weekStart.plusSeconds((long) (this.population.anywhereInWeek() * 7 * 24 * 3600)));
			}
		}
		return arrivals.stream().sorted().toList();
	}

	private void post(int n) {
		Map<String, Object> referral = this.population.referral(n);
		boolean selfRefers = this.population.selfRefers();
		boolean answersByLink = this.population.answersByLink();
		String body = this.json.writeValueAsString(referral);
		String id = selfRefers ? this.clients.selfRefer(n, body).orElse(null) : null;
		if (id != null) {
			this.selfReferred++;
		}
		else {
			// A partner's referral, or a self-referral the form refused, which a partner
			// then refers: the history keeps its arrivals.
			HttpResponse<String> response = send("demo-partner",
					HttpRequest.newBuilder(URI.create(this.referralService + "/api/v1/referrals"))
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString(body)));
			if (response.statusCode() != 201) {
				log.warn("Demo referral {} was refused with HTTP {}", n, response.statusCode());
				return;
			}
			String location = response.headers().firstValue("Location").orElse("");
			id = location.substring(location.lastIndexOf('/') + 1);
		}
		this.posted++;
		@SuppressWarnings("unchecked")
		Map<String, Object> consent = (Map<String, Object>) referral.get("consent");
		@SuppressWarnings("unchecked")
		Map<String, Object> client = (Map<String, Object>) referral.get("client");
		if (answersByLink && Boolean.TRUE.equals(consent.get("sms"))) {
			this.answeringByLink.put(id, (String) client.get("mobilePhone"));
		}
	}

	private List<JsonNode> openReferrals() {
		List<JsonNode> items = new ArrayList<>();
		for (int page = 0;; page++) {
			HttpResponse<String> response = send("admin", HttpRequest.newBuilder(URI.create(this.waitlistService
					+ "/api/v1/queue?status=PROPOSED&status=CONFIRMED&status=IN_THERAPY&sort=stateSince,asc&size=200&page="
					+ page))
				.GET());
			if (response.statusCode() != 200) {
				log.warn("The demo coordinators could not read the queue: HTTP {}", response.statusCode());
				return items;
			}
			JsonNode answer = this.json.readTree(response.body());
			answer.get("items").forEach(items::add);
			if (items.size() >= answer.get("total").asLong() || answer.get("items").isEmpty()) {
				return items;
			}
		}
	}

	/** What a coordinator does about one referral, once its time has come. */
	private record Intent(String status, String since, String action, @Nullable String reason, Instant at) {
	}

	private void act(JsonNode item, Instant now) {
		String id = item.get("referralId").asString();
		String status = item.get("status").asString();
		String since = item.path("stateSince").asString("");
		Intent intent = this.intents.get(id);
		if (intent == null || !intent.status().equals(status) || !intent.since().equals(since)) {
			intent = intend(item, status, since);
			this.intents.put(id, intent);
		}
		if (intent.at().isAfter(now)) {
			return;
		}
		if (intent.action().startsWith(LINK)) {
			if (this.clients.answerProposal(this.answeringByLink.get(id), intent.action().equals(LINK + "accept"))) {
				this.done.merge(intent.action(), 1, Integer::sum);
				this.intents.remove(id);
			}
			else if (now.isAfter(intent.at().plus(CALL_AFTER))) {
				// No message came (quiet hours, a confirmation still waiting): the
				// coordinator calls instead.
				boolean accepts = intent.action().equals(LINK + "accept");
				this.intents.put(id, new Intent(status, since, accepts ? "confirmation" : "decline",
						accepts ? null : DECLINED, now));
			}
			return;
		}
		String coordinator = coordinatorOf(item.path("organizationId").asString(""));
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(this.waitlistService + "/api/v1/queue/" + id + "/" + intent.action()))
			.header("If-Match", "\"" + item.get("revision").asLong() + "\"")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString((intent.reason() != null)
					? this.json.writeValueAsString(Map.of("reason", intent.reason())) : "{}"));
		int answer = send(coordinator, request).statusCode();
		if (answer == 200) {
			this.done.merge(intent.action(), 1, Integer::sum);
		}
		else {
			// The referral moved on (a proposal expired, matching proposed again): read
			// it
			// afresh next time.
			log.debug("Demo action {} on a referral answered HTTP {}", intent.action(), answer);
		}
		this.intents.remove(id);
	}

	private Intent intend(JsonNode item, String status, String since) {
		Instant stateSince = since.isEmpty() ? this.clock.instant() : Instant.parse(since);
		List<String> languages = new ArrayList<>();
		item.path("languages").forEach(language -> languages.add(language.asString()));
		if (languages.isEmpty()) {
			languages.add("fr");
		}
		Instant soon = stateSince.plus(this.population.coordinatorDelay());
		return switch (status) {
			case "PROPOSED" -> {
				if (this.population.unreachable(item.path("daysWaited").asLong(0))) {
					yield new Intent(status, since, "unreachable",
							"Démo : la personne n'a pas pu être jointe après trois appels.", soon);
				}
				boolean declines = this.population.declines(languages);
				if (this.answeringByLink.containsKey(item.get("referralId").asString())) {
					yield new Intent(status, since, LINK + (declines ? "decline" : "accept"), null,
							stateSince.plus(this.population.clientDelay()));
				}
				if (declines) {
					yield new Intent(status, since, "decline", DECLINED, soon);
				}
				yield new Intent(status, since, "confirmation", null, soon);
			}
			case "CONFIRMED" -> {
				Instant firstSession = stateSince.plus(this.population.untilFirstSession());
				if (this.population.noShow(languages)) {
					yield new Intent(status, since, "unreachable",
							"Démo : absente à la première séance, sans nouvelles depuis.", firstSession);
				}
				yield new Intent(status, since, "first-session", null, firstSession);
			}
			default -> new Intent(status, since, "end", null, stateSince.plus(this.population.therapy()));
		};
	}

	private String coordinatorOf(String organizationId) {
		int at = COORDINATORS.indexOf(organizationId);
		return (at >= 0 && at % 2 == 0) ? COORDINATORS.get(at + 1) : "admin";
	}

	/** Sends as the account named, signing it in again once when its token expired. */
	private HttpResponse<String> send(String account, HttpRequest.Builder request) {
		HttpResponse<String> response = sendOnce(request.copy().header("Authorization", "Bearer " + token(account)));
		if (response.statusCode() == 401) {
			this.tokens.remove(account);
			response = sendOnce(request.copy().header("Authorization", "Bearer " + token(account)));
		}
		return response;
	}

	private String token(String account) {
		return this.tokens.computeIfAbsent(account, name -> switch (name) {
			case "demo-partner" -> DemoReferrals.demoPartnerToken(this.http, this.json, this.issuer);
			// The demo passwords of docs/identity-and-access.md.
			case "admin" -> DemoSignIn.accessToken(this.issuer, "admin", "admin-demo");
			default -> DemoSignIn.accessToken(this.issuer, name, "coordination-demo");
		});
	}

	private HttpResponse<String> sendOnce(HttpRequest.Builder request) {
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("A demo actor could not reach a service", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("The demo history was interrupted", ex);
		}
	}

	private static void pause(Duration time) {
		if (time.isNegative() || time.isZero()) {
			return;
		}
		try {
			Thread.sleep(time);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("The demo history was interrupted", ex);
		}
	}

}
