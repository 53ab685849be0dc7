package ca.aiguillage.load;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import ca.aiguillage.contracts.Topics;
import ca.aiguillage.contracts.matching.NoMatchFoundV1;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.waitlist.WaitlistedV1;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * One load run: the stack under load on a schedule, then the baseline with the same
 * number of referrals on the same schedule, against the same broker and database.
 */
final class LoadRun {

	/**
	 * What decides a referral first: matching's proposal or no-match, or the queue's
	 * waiting.
	 */
	static final Set<String> FIRST_DECISIONS = Set.of(ProposalMadeV1.TYPE, NoMatchFoundV1.TYPE, WaitlistedV1.TYPE);

	/**
	 * How to run.
	 *
	 * @param schedule rates and duration
	 * @param inboundPercent the share of referrals published on the inbound topic, the
	 * rest through the partner API
	 * @param drain how long to wait for decisions after the last offer
	 * @param baselineWrites MongoDB writes per referral in the baseline
	 * @param baseline whether to measure the baseline
	 * @param watchQueue whether to read each referral's queue entry until it shows its
	 * decision (reads of the database under load, by {@code _id})
	 * @param stackPid the stack's process whose processor time is measured, or null to
	 * look for the local stack's processes ({@link ProcessorTime#ofLocalStack})
	 * @param settle how long to wait at most, before the load, for the stack to fall idle
	 * ({@link ProcessorTime#awaitIdle}); zero not to wait
	 * @param resendRefused whether a post refused with 503 is sent again after its
	 * {@code Retry-After}, with the same {@code Idempotency-Key}
	 */
	record Settings(Schedule schedule, int inboundPercent, Duration drain, int baselineWrites, boolean baseline,
			boolean watchQueue, @Nullable Long stackPid, Duration settle, boolean resendRefused) {
	}

	/** The topics of a referral's way, in its order: traced in every run. */
	static final List<String> WAY = List.of(Topics.REFERRAL_EVENTS, Topics.MATCHING_EVENTS, Topics.WAITLIST_EVENTS,
			Topics.NOTIFICATION_EVENTS);

	/**
	 * The hops timed one by one: referral-service's (from the acceptance to its event)
	 * and matching's (from that event to matching's first).
	 */
	static final List<Timeline.Hop> HOPS = List.of(new Timeline.Hop(null, Topics.REFERRAL_EVENTS),
			new Timeline.Hop(Topics.REFERRAL_EVENTS, Topics.MATCHING_EVENTS));

	/** How many of the slowest referrals a report describes hop by hop. */
	static final int SLOWEST = 5;

	/** How many windows of two seconds the stack's background use is watched. */
	private static final int BACKGROUND_WINDOWS = 3;

	/**
	 * What a run measured.
	 *
	 * @param settings how it ran
	 * @param stack the stack's figures
	 * @param bare the baseline's, or null when not measured
	 * @param maxLag the largest total consumer lag sampled during the run
	 * @param lagAfter each consumer group's lag after the drain
	 * @param processors the processor time each phase used, or null when no process of
	 * the stack was found
	 * @param settled how the stack was before the load, or null when not watched
	 * @param started when the load started
	 */
	record Result(Settings settings, Phase stack, @Nullable Phase bare, long maxLag, Map<String, Long> lagAfter,
			@Nullable Processors processors, ProcessorTime.@Nullable Settled settled, Instant started) {

		long errors() {
			return this.stack.errors.total() + ((this.bare != null) ? this.bare.errors.total() : 0);
		}

	}

	/**
	 * The processor time of a run.
	 *
	 * @param processes how many processes of the stack were counted
	 * @param background the stack's background use, measured before the load and taken
	 * off each phase
	 * @param stack what the stack's phase used
	 * @param bare what the baseline used, or null when not measured
	 */
	record Processors(int processes, ProcessorTime.Background background, ProcessorTime.Use stack,
			ProcessorTime.@Nullable Use bare) {
	}

	private LoadRun() {
	}

	static Result run(Target target, Settings settings) throws InterruptedException {
		Phase stack = new Phase();
		ProcessorTime processors = ProcessorTime.ofLocalStack(settings.stackPid());
		ProcessorTime.@Nullable Settled settled = (processors.found() && settings.settle().isPositive())
				? processors.awaitIdle(settings.settle()) : null;
		ProcessorTime.Background background = processors.found() ? processors.background(BACKGROUND_WINDOWS)
				: new ProcessorTime.Background(0, 0);
		double idleCores = background.cores();
		ProcessorTime.@Nullable Use stackUse = null;
		long maxLag;
		Map<String, Long> lagAfter;
		Persons persons = new Persons("LOAD");
		Instant begunAt = Instant.now();
		try (ConsumerLag lag = new ConsumerLag(target.kafkaLogin().apply("admin"));
				FirstSeen decisions = new FirstSeen(target.kafkaLogin().apply("admin"), WAY, FIRST_DECISIONS, true);
				@Nullable
				QueueWatch queue = settings.watchQueue() ? new QueueWatch(target.mongoUri()) : null;
				PartnerClient partner = new PartnerClient(target, settings.inboundPercent() > 0)) {
			ProcessorTime.Sample before = processors.sample();
			Timeline.Clock clock = Timeline.Clock.now();
			Map<String, Long> accepted = new ConcurrentHashMap<>();
			long begun = System.nanoTime();
			stack.begun = begun;
			Map<String, Long> started = Driver.drive(settings.schedule(), (n, start) -> {
				Map<String, Object> referral = persons.referral(n);
				String id = inbound(n, settings.inboundPercent())
						? partner.publish(referral, start, stack.inboundAccept) : partner.post(referral, start,
								stack.httpAccept, stack.errors, settings.resendRefused() ? stack.resent : null);
				if (id != null) {
					accepted.put(id, System.nanoTime());
					if (queue != null) {
						queue.watch(id);
					}
				}
				return id;
			}, stack.errors);
			stack.offeredFor = Duration.ofNanos(System.nanoTime() - begun);
			stack.offered = settings.schedule().count();
			stack.settle(started, decisions::seenAt, queue, settings.drain());
			stack.trace(started, accepted, decisions::seenAt, decisions::timeline, WAY, HOPS, clock, SLOWEST);
			maxLag = lag.maxTotal();
			lagAfter = lag.byGroup();
			if (settings.baseline()) {
				// The baseline shares the broker and database: it starts once the
				// services
				// caught up, so that their backlog does not slow it.
				awaitQuiet(lag, settings.drain());
			}
			if (processors.found()) {
				processors.awaitCalm(idleCores, settings.drain());
				stackUse = processors.sample().since(before, idleCores);
			}
		}
		@Nullable Phase bare = null;
		ProcessorTime.@Nullable Use bareUse = null;
		if (settings.baseline()) {
			ProcessorTime.Sample before = processors.sample();
			bare = baseline(target, settings, stack.offered);
			if (processors.found()) {
				processors.awaitCalm(idleCores, settings.drain());
				bareUse = processors.sample().since(before, idleCores);
			}
		}
		return new Result(settings, stack, bare, maxLag, lagAfter,
				(stackUse != null) ? new Processors(processors.processes(), background, stackUse, bareUse) : null,
				settled, begunAt);
	}

	/**
	 * Waits until the consumer lag stays the same for three samples a second apart (a
	 * transactional producer's commit markers leave a lag of one record per partition
	 * that no consumer takes, so it need not reach 0), or the limit.
	 */
	private static void awaitQuiet(ConsumerLag lag, Duration atMost) {
		long deadline = System.nanoTime() + atMost.toNanos();
		long last = -1;
		int same = 0;
		while (System.nanoTime() < deadline && same < 2) {
			try {
				long total = lag.byGroup().values().stream().mapToLong(Long::longValue).sum();
				same = (total == last) ? same + 1 : 0;
				last = total;
				Thread.sleep(Duration.ofSeconds(1));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (IllegalStateException ex) {
				// No figure this time: asked again.
			}
		}
	}

	/**
	 * The n-th referral goes to the inbound topic for inboundPercent of every 100, spread
	 * evenly.
	 */
	static boolean inbound(long n, int inboundPercent) {
		return (n + 1) * inboundPercent / 100 > n * inboundPercent / 100;
	}

	private static Phase baseline(Target target, Settings settings, long count) {
		Phase bare = new Phase();
		JsonMapper json = JsonMapper.builder().build();
		Persons persons = new Persons("BASE");
		// The same number of referrals on the same schedule's shape.
		Schedule schedule = settings.schedule();
		try (Baseline baseline = new Baseline(target, settings.baselineWrites());
				FirstSeen decided = new FirstSeen(target.kafkaLogin().apply("admin"), List.of(Baseline.DECIDED_TOPIC),
						null)) {
			long begun = System.nanoTime();
			Map<String, Long> started = Driver.drive(schedule,
					(n, start) -> baseline.post(json.writeValueAsString(persons.referral(n)), start, bare.httpAccept),
					bare.errors);
			bare.offeredFor = Duration.ofNanos(System.nanoTime() - begun);
			bare.offered = count;
			bare.settle(started, decided::seenAt, null, settings.drain());
		}
		return bare;
	}

}
