package ca.aiguillage.load;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * What one phase of a run measured: the referrals offered and accepted, the accept
 * latencies and how long each accepted referral took to reach its first decision and the
 * queue.
 */
final class Phase {

	final Latency httpAccept = new Latency("HTTP accept (201)");

	final Latency inboundAccept = new Latency("inbound topic, broker ack");

	final Latency firstDecision = new Latency("intake → first decision");

	final Latency inQueue = new Latency("intake → visible in the queue");

	final Latency decidedInQueue = new Latency("intake → decision shown in the queue");

	/**
	 * From the offer to the first record each topic has of the referral, as its producer
	 * stamped it, by topic.
	 */
	final Map<String, Latency> firstWritten = new LinkedHashMap<>();

	/** How long each hop of the way took, by hop. */
	final Map<Timeline.Hop, Latency> hops = new LinkedHashMap<>();

	/** The slowest referrals to a first decision, the slowest first, hop by hop. */
	List<String> slowest = List.of();

	/** Every accepted referral's way, once traced. */
	List<Timeline> ways = List.of();

	/** When the first referral was offered ({@link System#nanoTime()}). */
	long begun;

	final Errors errors = new Errors();

	/**
	 * Posts sent again after a 503 and its {@code Retry-After}
	 * ({@code --resend-refused}).
	 */
	final LongAdder resent = new LongAdder();

	long offered;

	long accepted;

	long undecided;

	long notInQueue;

	long notDecidedInQueue;

	Duration offeredFor = Duration.ZERO;

	/**
	 * Waits, up to a limit, for every accepted referral to be decided (and seen in the
	 * queue), then records the latencies; the ones still missing are errors.
	 * @param started when each accepted referral was offered
	 * @param decidedAt when a referral's first decision was seen, or null
	 * @param queue when it was seen in the queue and when the queue showed its decision,
	 * or null to skip
	 * @param drain how long to wait after the last offer
	 */
	void settle(Map<String, Long> started, Function<String, @Nullable Long> decidedAt, @Nullable QueueWatch queue,
			Duration drain) {
		this.accepted = started.size();
		Function<String, @Nullable Long> shown = (queue != null) ? queue::decidedAt : null;
		long deadline = System.nanoTime() + drain.toNanos();
		while (System.nanoTime() < deadline && !allSeen(started, decidedAt, shown)) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		started.forEach((id, start) -> {
			Long decided = decidedAt.apply(id);
			if (decided != null) {
				this.firstDecision.recordNanos(decided - start);
			}
			else {
				this.undecided++;
			}
			if (queue != null) {
				this.notInQueue += record(this.inQueue, queue.visibleAt(id), start);
				this.notDecidedInQueue += record(this.decidedInQueue, queue.decidedAt(id), start);
			}
		});
		this.errors.add("no first decision within the drain", this.undecided);
		this.errors.add("not in the queue within the drain", this.notInQueue);
		this.errors.add("no decision shown in the queue within the drain", this.notDecidedInQueue);
	}

	/**
	 * Says where the referrals waited: for each topic, the time from the offer to the
	 * first record written there; how long each hop took; and the slowest referrals'
	 * ways, record by record.
	 * @param started when each accepted referral was offered
	 * @param accepted when each was accepted
	 * @param decidedAt when a referral's first decision was read, or null
	 * @param records every record read of a referral
	 * @param topics the topics, in the order of a referral's way
	 * @param hops the hops timed one by one
	 * @param clock how this run's nanoTime reads as wall-clock time
	 * @param slowest how many of the slowest to describe
	 */
	void trace(Map<String, Long> started, Map<String, Long> accepted, Function<String, @Nullable Long> decidedAt,
			Function<String, List<Timeline.Record>> records, List<String> topics, List<Timeline.Hop> hops,
			Timeline.Clock clock, int slowest) {
		topics.forEach((topic) -> this.firstWritten.put(topic, new Latency("intake → first written on " + topic)));
		hops.forEach((hop) -> this.hops.put(hop, new Latency(hop.describe())));
		this.ways = started.entrySet()
			.stream()
			.map((entry) -> new Timeline(entry.getKey(), entry.getValue(), accepted.get(entry.getKey()),
					decidedAt.apply(entry.getKey()), records.apply(entry.getKey()), clock))
			.sorted(Comparator.comparingLong(Timeline::offered))
			.toList();
		for (Timeline timeline : this.ways) {
			this.firstWritten.forEach((topic, latency) -> timeline.firstWrittenOn(topic)
				.ifPresent((millis) -> latency.recordNanos(Math.round(millis * 1e6))));
			this.hops.forEach((hop, latency) -> timeline.took(hop)
				.ifPresent((millis) -> latency.recordNanos(Math.round(millis * 1e6))));
		}
		this.slowest = this.ways.stream()
			.sorted(Comparator.comparingDouble(Phase::slowness).reversed())
			.limit(slowest)
			.map((timeline) -> timeline.describe(this.begun))
			.toList();
	}

	/** An undecided referral is the slowest of all. */
	private static double slowness(Timeline timeline) {
		double toDecision = timeline.toDecision();
		return Double.isNaN(toDecision) ? Double.POSITIVE_INFINITY : toDecision;
	}

	/** Records a latency when seen; says 1 when not. */
	private static int record(Latency latency, @Nullable Long seenAt, long start) {
		if (seenAt == null) {
			return 1;
		}
		latency.recordNanos(seenAt - start);
		return 0;
	}

	private static boolean allSeen(Map<String, Long> started, Function<String, @Nullable Long> decidedAt,
			@Nullable Function<String, @Nullable Long> visibleAt) {
		return started.keySet()
			.stream()
			.allMatch((id) -> decidedAt.apply(id) != null && (visibleAt == null || visibleAt.apply(id) != null));
	}

	double acceptedPerSecond() {
		double seconds = this.offeredFor.toMillis() / 1000.0;
		return (seconds > 0) ? this.accepted / seconds : 0;
	}

}
