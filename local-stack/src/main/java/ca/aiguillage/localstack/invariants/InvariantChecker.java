package ca.aiguillage.localstack.invariants;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.TreeMap;

import ca.aiguillage.localstack.LocalStack;
import ca.aiguillage.localstack.invariants.InvariantReport.Result;
import ca.aiguillage.localstack.stubs.LocalWebhookReceiver;
import ca.aiguillage.matching.directory.Therapist;
import ca.aiguillage.matching.network.Organizations;
import ca.aiguillage.matching.proposal.Candidate;
import ca.aiguillage.matching.proposal.MatchingWeights;
import ca.aiguillage.matching.proposal.ProposalPolicy;
import ca.aiguillage.matching.proposal.ReferralNeeds;
import ca.aiguillage.matching.proposal.Roster;
import ca.aiguillage.platform.deadletters.DeadLetter;
import ca.aiguillage.platform.deadletters.DeadLetters;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Checks the system's promises on its stored state, once the stack is quiet: every
 * service's database, the dead-letter topics and what the stand-in providers received.
 * Used by the fault suite after each fault and by an operator against the running local
 * stack ({@link InvariantCheck}). It reads only: ids and states, never personal data.
 */
public final class InvariantChecker implements AutoCloseable {

	public static final String REFERRALS_AGREE = "referrals-agree";

	public static final String PLACES_HELD_ONCE = "places-held-once";

	public static final String FREE_PLACES_OFFERED = "free-places-offered";

	public static final String MESSAGES_ONCE = "messages-once";

	public static final String DUE_MESSAGES_SENT = "due-messages-sent";

	public static final String OUTBOX_RELAYED = "outbox-relayed";

	public static final String DEAD_LETTERS = "dead-letters";

	/** The services' databases, as each service's configuration names it. */
	static final List<String> DATABASES = List.of("referral", "matching", "waitlist", "notification");

	/**
	 * Each consumer group's input topics, as the services' configuration binds them with
	 * dead letters: the binder names each dead-letter topic
	 * {@code error.<topic>.<group>}.
	 */
	public static final Map<String, List<String>> INPUTS_BY_GROUP = Map.of("referral-service",
			Stream.concat(LocalStack.demoInboundTopics().stream(), Stream.of("matching.events", "waitlist.events"))
				.toList(),
			"matching-service", List.of("referral.events", "waitlist.events"), "waitlist-service",
			List.of("referral.events", "matching.events", "notification.events"), "waitlist-service-capacity",
			List.of("matching.events"), "notification-service",
			List.of("referral.events", "matching.events", "waitlist.events"));

	/** Referral statuses decided before the queue: such a referral never reaches it. */
	private static final Set<String> NOT_FORWARDED = Set.of("LINKED", "REDIRECTED", "INELIGIBLE");

	private static final Set<String> CLOSED = Set.of("CLOSED", "INELIGIBLE", "REDIRECTED", "UNREACHABLE", "WITHDRAWN");

	private final MongoClient client;

	private final @Nullable Map<String, Object> kafka;

	private final @Nullable Providers providers;

	private final Clock clock;

	/**
	 * What the stand-in providers took, by the delivery's id.
	 *
	 * @param sms text messages by idempotency token
	 * @param email emails by Message-ID
	 * @param webhooks partners' webhook messages the partner acknowledged, by
	 * {@code webhook-id}, and the ones refused for their signature
	 */
	public record Providers(Map<String, Integer> sms, Map<String, Integer> email, Map<String, Integer> webhooks) {
	}

	/**
	 * A checker of the stack at these addresses.
	 * @param mongoUri the database server every service uses
	 * @param kafka the broker and an administrator's login to it, or null to leave dead
	 * letters unchecked
	 * @param providers what the providers received, or null when they run elsewhere
	 * @param clock what "due" is measured against
	 */
	public InvariantChecker(String mongoUri, @Nullable Map<String, Object> kafka, @Nullable Providers providers,
			Clock clock) {
		this.client = MongoClients.create(mongoUri);
		this.kafka = kafka;
		this.providers = providers;
		this.clock = clock;
	}

	/**
	 * Checks every invariant.
	 * @return the report
	 */
	public InvariantReport check() {
		return new InvariantReport(List.of(referralsAgree(), placesHeldOnce(), freePlacesOffered(), messagesOnce(),
				dueMessagesSent(), outboxRelayed(), deadLetters()));
	}

	private Result referralsAgree() {
		Map<String, String> referrals = statuses("referral", "referrals");
		Map<String, String> matching = statuses("matching", "match_requests");
		Map<String, String> queue = statuses("waitlist", "queue");
		List<String> breaking = new ArrayList<>();
		referrals.forEach((id, status) -> {
			String queued = queue.get(id);
			String matched = matching.get(id);
			// Decided at intake: matching never sees it; the queue keeps a crisis.
			if (NOT_FORWARDED.contains(status) && matched == null && (queued == null || queued.equals(status))) {
				return;
			}
			String expectedInQueue = status.equals("WAITLISTED") ? "WAITING" : status;
			boolean agree = queued != null && matched != null && expectedInQueue.equals(queued)
					&& matched.equals(matchingStatusFor(queued));
			if (!agree) {
				breaking.add(id + " (referral " + status + ", matching " + matched + ", queue " + queued + ")");
			}
		});
		return Result.of(REFERRALS_AGREE,
				"every accepted referral is known to matching and the queue, and the three agree on its state",
				breaking);
	}

	private static String matchingStatusFor(String queued) {
		return switch (queued) {
			case "SUBMITTED", "WAITING" -> "WAITING";
			case "PROPOSED" -> "HELD";
			case "CONFIRMED", "IN_THERAPY" -> "CONFIRMED";
			default -> CLOSED.contains(queued) ? "CLOSED" : "?";
		};
	}

	private Map<String, String> statuses(String database, String collection) {
		Map<String, String> statuses = new TreeMap<>();
		for (Document document : db(database).getCollection(collection).find().projection(new Document("status", 1))) {
			String status = document.getString("status");
			statuses.put(String.valueOf(document.get("_id")), (status != null) ? status : "none");
		}
		return statuses;
	}

	private Result placesHeldOnce() {
		Map<String, List<String>> holders = new HashMap<>();
		List<String> breaking = new ArrayList<>();
		for (Document therapist : db("matching").getCollection("therapists").find()) {
			String therapistId = String.valueOf(therapist.get("_id"));
			List<Document> reservations = therapist.getList("reservations", Document.class, List.of());
			if (reservations.size() > therapist.getInteger("places", 0)) {
				breaking.add("therapist " + therapistId + " holds " + reservations.size() + " of "
						+ therapist.getInteger("places", 0) + " places");
			}
			for (Document reservation : reservations) {
				holders.computeIfAbsent(reservation.getString("referralId"), (id) -> new ArrayList<>())
					.add(therapistId);
			}
		}
		Map<String, String> matching = statuses("matching", "match_requests");
		holders.forEach((referralId, therapists) -> {
			if (therapists.size() > 1) {
				breaking.add("referral " + referralId + " holds " + therapists.size() + " places " + therapists);
			}
			String status = matching.get(referralId);
			if (!"HELD".equals(status) && !"CONFIRMED".equals(status)) {
				breaking.add("referral " + referralId + " is " + status + " in matching but holds " + therapists);
			}
		});
		matching.forEach((referralId, status) -> {
			if (("HELD".equals(status) || "CONFIRMED".equals(status)) && !holders.containsKey(referralId)) {
				breaking.add("referral " + referralId + " is " + status + " in matching but holds no place");
			}
		});
		return Result.of(PLACES_HELD_ONCE,
				"no therapist's place is held twice, no referral holds two, and a referral holds a place exactly while matching says so",
				breaking);
	}

	private Result freePlacesOffered() {
		MongoTemplate matching = new MongoTemplate(this.client, "matching");
		ProposalPolicy policy = new ProposalPolicy(MatchingWeights.defaults());
		List<ReferralNeeds> waiting = new ArrayList<>();
		for (Document request : db("matching").getCollection("match_requests").find(Filters.eq("status", "WAITING"))) {
			Document needs = request.get("needs", Document.class);
			if (needs != null && needs.get("registeredAt") != null) {
				waiting.add(matching.getConverter().read(ReferralNeeds.class, needs));
			}
		}
		List<Candidate> free = new ArrayList<>();
		for (Therapist therapist : matching.findAll(Therapist.class)) {
			if (therapist.active() && therapist.freePlaces() > 0) {
				free.add(new Candidate(therapist.getId(), therapist.organizationId(), null, true, therapist.languages(),
						therapist.approaches(), therapist.clienteles(), therapist.modalities(),
						therapist.openAvailability(), therapist.places(), therapist.freeRegularPlaces(),
						therapist.freeLowFeePlaces()));
			}
		}
		// Matching's own hard constraints, the distance to each organization's sites
		// included.
		Roster roster = new Roster(free, Organizations.shipped()::reaches, Map.of());
		List<String> breaking = new ArrayList<>();
		for (ReferralNeeds needs : waiting) {
			ProposalPolicy.Request request = policy.request(needs, roster, this.clock.instant());
			for (int i = 0; i < free.size(); i++) {
				if (request.fits(i)) {
					breaking.add("therapist " + free.get(i).therapistId() + " has a free place that referral "
							+ needs.referralId() + " fits");
				}
			}
		}
		return Result.of(FREE_PLACES_OFFERED,
				"no place sits free while a waiting client fits it: a place released (or added) was offered again",
				breaking);
	}

	private Result messagesOnce() {
		String promise = "at most one message per (event, audience, channel) reached a provider";
		if (this.providers == null) {
			return Result.notChecked(MESSAGES_ONCE, promise,
					"the providers' stand-ins run in the supervising process; the fault suite checks them");
		}
		List<String> breaking = new ArrayList<>();
		this.providers.sms().forEach((id, count) -> twice(breaking, "sms", id, count, !id.equals("no-token")));
		this.providers.email().forEach((id, count) -> twice(breaking, "email", id, count, !id.equals("no-message-id")));
		this.providers.webhooks().forEach((id, count) -> {
			if (LocalWebhookReceiver.BAD_SIGNATURE.equals(id)) {
				breaking.add(count + " webhook message(s) refused for their signature");
			}
			else {
				twice(breaking, "webhook", id, count, true);
			}
		});
		return Result.of(MESSAGES_ONCE, promise, breaking);
	}

	private static void twice(List<String> breaking, String channel, String id, int count, boolean known) {
		if (known && count > 1) {
			breaking.add(channel + " delivery " + id + " received " + count + " times");
		}
	}

	private Result dueMessagesSent() {
		Instant now = this.clock.instant();
		List<String> breaking = new ArrayList<>();
		for (Document notificationCase : db("notification").getCollection("notification_cases").find()) {
			for (Document delivery : notificationCase.getList("deliveries", Document.class, List.of())) {
				String status = delivery.getString("status");
				Date due = "SENDING".equals(status) ? delivery.getDate("leaseUntil") : delivery.getDate("dueAt");
				boolean waiting = "PENDING".equals(status) || "SENDING".equals(status);
				if (waiting && due != null && due.toInstant().isBefore(now)) {
					breaking.add("delivery " + delivery.getString("deliveryId") + " " + status + " since "
							+ due.toInstant());
				}
				else if ("FAILED".equals(status) && delivery.getString("reasonCode") == null) {
					breaking.add("delivery " + delivery.getString("deliveryId") + " FAILED without a reason");
				}
			}
		}
		return Result.of(DUE_MESSAGES_SENT,
				"every message that is due was sent, or it failed or was cancelled with a reason", breaking);
	}

	private Result outboxRelayed() {
		List<String> breaking = new ArrayList<>();
		for (String database : DATABASES) {
			for (String collection : db(database).listCollectionNames()) {
				for (Document pending : db(database).getCollection(collection)
					.find(Filters.exists("outbox.0"))
					.projection(new Document("_id", 1))) {
					breaking.add(database + "." + collection + "/" + pending.get("_id"));
				}
			}
		}
		return Result.of(OUTBOX_RELAYED, "every outbox entry was relayed: no pending outbox is left once quiet",
				breaking);
	}

	private Result deadLetters() {
		String promise = "every dead-lettered event is listed with its cause (each one left unhandled is listed here)";
		if (this.kafka == null) {
			return Result.notChecked(DEAD_LETTERS, promise, "no broker given");
		}
		List<String> breaking = new ArrayList<>();
		for (DeadLetter letter : listDeadLetters()) {
			if (letter.action() == null) {
				String cause = (letter.cause() != null) ? letter.cause().split(":", 2)[0] : "no cause recorded";
				breaking.add(letter.id() + " (" + letter.type() + " " + letter.eventId() + ": " + cause + ")");
			}
		}
		return Result.of(DEAD_LETTERS, promise, breaking);
	}

	/**
	 * Every dead letter on every service's dead-letter topics, with what was done with
	 * it.
	 * @return the dead letters
	 */
	public List<DeadLetter> listDeadLetters() {
		if (this.kafka == null) {
			return List.of();
		}
		List<DeadLetter> letters = new ArrayList<>();
		INPUTS_BY_GROUP.forEach((group, topics) -> {
			Map<String, String> originals = new LinkedHashMap<>();
			topics.forEach((topic) -> originals.put("error." + topic + "." + group, topic));
			String database = group.replaceAll("-service.*$", "");
			letters.addAll(new DeadLetters(originals, this.kafka, new MongoTemplate(this.client, database), this.clock)
				.list());
		});
		return letters;
	}

	private MongoDatabase db(String name) {
		return this.client.getDatabase(name);
	}

	@Override
	public void close() {
		this.client.close();
	}

}
