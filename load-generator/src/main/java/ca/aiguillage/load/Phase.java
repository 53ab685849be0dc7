package ca.aiguillage.load;

import java.time.Duration;
import java.util.Map;
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

	final Errors errors = new Errors();

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
