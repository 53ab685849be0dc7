package ca.aiguillage.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import ca.aiguillage.localstack.ProcessStack.Instance;
import ca.aiguillage.localstack.ProcessStack.Part;
import ca.aiguillage.localstack.Soak.Outcome;
import ca.aiguillage.localstack.Soak.Posted;
import org.jspecify.annotations.Nullable;

/**
 * Two instances of every service under load (not a test): starts the local stack with two
 * processes of each of the four services on a fresh data directory, checks through the
 * broker's admin API that each consumer group the instances share has split each of its
 * topics' partitions between them, posts N referrals at a steady rate to both
 * referral-service instances in turn, waits for a quiet stack and checks every invariant.
 * With the fault (the default), it kills matching-service's second instance with
 * {@code kill -9} halfway through the posts, waits until the first holds all of the
 * group's partitions, starts it again and waits until they are split again. Prints its
 * report and writes it to {@code local-stack/target/instances-report.md}.
 * <p>
 * {@code Instances [referrals=600] [per-second=5] [fault=kill-matching|none] [partners=4]}.
 */
public final class Instances {

	/**
	 * The consumer groups both instances of a service join, as the services'
	 * configuration names them; {@code matching-service-snapshot-<uuid>} is each
	 * instance's own.
	 */
	static final List<String> GROUPS = List.of("referral-service", "referral-service-directory", "matching-service",
			"waitlist-service", "waitlist-service-capacity", "notification-service");

	private static final int INSTANCES = 2;

	private static final Duration SPLIT_WITHIN = Duration.ofMinutes(3);

	private static final Instance VICTIM = new Instance(Part.MATCHING, 2);

	private Instances() {
	}

	public static void main(String[] args) throws Exception {
		int referrals = (args.length > 0) ? Integer.parseInt(args[0]) : 600;
		double perSecond = (args.length > 1) ? Double.parseDouble(args[1]) : 5;
		boolean fault = !(args.length > 2 && args[2].equals("none"));
		int partners = (args.length > 3) ? Integer.parseInt(args[3]) : 4;
		Instant started = Instant.now();
		String loadBefore = loadAverage();
		try (ProcessStack stack = ProcessStack.startForCommand("instances", INSTANCES)) {
			Duration ready = Duration.between(started, Instant.now());
			Timed<Split> before = await(stack, Split::allSplit, SPLIT_WITHIN);
			AtomicReference<@Nullable FaultOutcome> faulted = new AtomicReference<>();
			Thread faults = Thread.ofPlatform().name("instances-fault").start(() -> {
				if (fault) {
					faulted.set(killAndRestart(stack, Duration.ofMillis((long) (referrals / perSecond * 500))));
				}
			});
			Instant loadBegun = Instant.now();
			Posted posted = Soak.post(stack, referrals, perSecond, partners);
			Instant postedAt = Instant.now();
			// The first instance may well be done with the backlog before the second is
			// back.
			Outcome outcome = Soak.awaitQuiet(stack, posted);
			Duration quiet = Duration.between(postedAt, Instant.now());
			faults.join();
			Split after = Split.of(stack);
			String report = report(
					new Run(referrals, perSecond, started, loadBefore, loadAverage(), ready,
							Duration.between(loadBegun, postedAt), quiet),
					before, faulted.get(), posted, outcome, after);
			System.out.print(report);
			Path file = Path
				.of(System.getProperty("aiguillage.instances.report", "local-stack/target/instances-report.md"));
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.writeString(file, report);
		}
	}

	/** Who holds one partition for a group: its topic, its number and the instance. */
	record Holding(String group, String topic, int partition, int instance) {
	}

	/**
	 * The partitions of each shared group's topics and who holds them, as the broker
	 * tells it.
	 *
	 * @param holdings who holds which partition, for every group
	 * @param partitions how many partitions each topic has
	 * @param stable the groups that are not rebalancing
	 */
	record Split(List<Holding> holdings, Map<String, Integer> partitions, Set<String> stable) {

		static Split of(ProcessStack stack) {
			KafkaBroker.Groups groups = KafkaBroker.describeGroups(stack.kafkaClientSettings(KafkaPrincipals.ADMIN),
					GROUPS);
			// A member without a static id is none of the stack's instances: 0.
			List<Holding> holdings = groups.held()
				.stream()
				.map((held) -> new Holding(held.group(), held.topic(), held.partition(),
						held.member().isEmpty() ? 0 : StaticMembership.instanceOf(held.member())))
				.toList();
			return new Split(holdings, groups.partitions(), groups.stable());
		}

		/**
		 * Whether every shared group has split each of its topics between the two
		 * instances.
		 * @return true when every group is
		 */
		boolean allSplit() {
			return GROUPS.stream().allMatch(this::isSplit);
		}

		/**
		 * Whether a group is stable, holds every partition of each of its topics and has
		 * some of each topic's partitions on each instance.
		 * @param group the group
		 * @return true when it is split
		 */
		boolean isSplit(String group) {
			return everyTopic(group, (held) -> held.keySet().containsAll(List.of(1, 2)));
		}

		/**
		 * Whether a group is stable and one instance holds every partition of each of its
		 * topics.
		 * @param group the group
		 * @param instance the instance
		 * @return true when that instance holds them all
		 */
		boolean heldOnlyBy(String group, int instance) {
			return everyTopic(group, (held) -> held.keySet().equals(Set.of(instance)));
		}

		private boolean everyTopic(String group, Predicate<Map<Integer, Set<Integer>>> holds) {
			Map<String, Map<Integer, Set<Integer>>> topics = topics(group);
			return this.stable.contains(group) && !topics.isEmpty()
					&& topics.entrySet()
						.stream()
						.allMatch((topic) -> whole(topic.getKey(), topic.getValue()) && holds.test(topic.getValue()));
		}

		// Every partition of the topic is held by someone.
		private boolean whole(String topic, Map<Integer, Set<Integer>> held) {
			long holding = held.values().stream().mapToLong(Set::size).sum();
			Integer partitions = this.partitions.get(topic);
			return partitions != null && holding == partitions
					&& held.values().stream().flatMap(Set::stream).distinct().count() == partitions;
		}

		/**
		 * A group's topics, and by instance the partitions it holds of each.
		 * @param group the group
		 * @return topic, instance, partitions, in order
		 */
		Map<String, Map<Integer, Set<Integer>>> topics(String group) {
			Map<String, Map<Integer, Set<Integer>>> topics = new TreeMap<>();
			for (Holding holding : this.holdings) {
				if (holding.group().equals(group)) {
					topics.computeIfAbsent(holding.topic(), (topic) -> new TreeMap<>())
						.computeIfAbsent(holding.instance(), (instance) -> new TreeSet<>())
						.add(holding.partition());
				}
			}
			return topics;
		}

		String markdown() {
			StringBuilder table = new StringBuilder(
					"| group | topic | partitions | instance 1 holds | instance 2 holds | split |\n| --- | --- | --- | --- | --- | --- |\n");
			for (String group : GROUPS) {
				Map<String, Map<Integer, Set<Integer>>> topics = topics(group);
				if (topics.isEmpty()) {
					table.append(String.format("| %s | (none held%s) | | | | no |%n", group,
							this.stable.contains(group) ? "" : ", rebalancing"));
				}
				topics.forEach((topic, held) -> table.append(String.format("| %s | %s | %s | %s | %s | %s |%n", group,
						topic, this.partitions.getOrDefault(topic, 0), partitions(held.get(1)), partitions(held.get(2)),
						(whole(topic, held) && held.keySet().containsAll(List.of(1, 2)) && this.stable.contains(group))
								? "yes" : "no")));
			}
			return table.toString();
		}

		private static String partitions(@Nullable Set<Integer> held) {
			return (held == null) ? "—" : held.stream().map(String::valueOf).collect(Collectors.joining(", "));
		}

	}

	/** A value, or the last one seen, and how long it took to come. */
	record Timed<T>(T value, Duration after, boolean reached) {
	}

	private static Timed<Split> await(ProcessStack stack, Predicate<Split> until, Duration within)
			throws InterruptedException {
		long since = System.nanoTime();
		while (true) {
			Split split = Split.of(stack);
			Duration after = Duration.ofNanos(System.nanoTime() - since);
			if (until.test(split) || after.compareTo(within) > 0) {
				return new Timed<>(split, after, until.test(split));
			}
			Thread.sleep(Duration.ofSeconds(2));
		}
	}

	/**
	 * The fault: matching-service's second instance killed, its partitions taken by the
	 * first, started again, split again.
	 *
	 * @param takenOver until the first instance held every partition of the group
	 * @param restarted until the second instance was ready again, from its restart
	 * @param splitAgain until the group was split again, from the second's readiness
	 * @param failure what went wrong, if anything
	 */
	record FaultOutcome(@Nullable Timed<Split> takenOver, @Nullable Duration restarted,
			@Nullable Timed<Split> splitAgain, @Nullable String failure) {
	}

	private static FaultOutcome killAndRestart(ProcessStack stack, Duration after) {
		Timed<Split> takenOver = null;
		Duration restarted = null;
		try {
			Thread.sleep(after);
			System.out.println("Instances: kill -9 " + VICTIM.logName());
			stack.kill(VICTIM);
			takenOver = await(stack, (split) -> split.heldOnlyBy("matching-service", 1), SPLIT_WITHIN);
			long restarting = System.nanoTime();
			System.out.println("Instances: restarting " + VICTIM.logName());
			stack.restart(VICTIM);
			restarted = Duration.ofNanos(System.nanoTime() - restarting);
			Timed<Split> splitAgain = await(stack, (split) -> split.isSplit("matching-service"), SPLIT_WITHIN);
			return new FaultOutcome(takenOver, restarted, splitAgain, null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new FaultOutcome(takenOver, restarted, null, "interrupted");
		}
		catch (RuntimeException ex) {
			return new FaultOutcome(takenOver, restarted, null, ex.toString());
		}
	}

	/** The one-minute load average, from Linux's {@code /proc/loadavg}. */
	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
		}
		catch (IOException | RuntimeException ex) {
			return "?";
		}
	}

	private record Run(int referrals, double perSecond, Instant started, String loadBefore, String loadAfter,
			Duration ready, Duration posting, Duration quiet) {
	}

	private static String report(Run run, Timed<Split> before, @Nullable FaultOutcome fault, Posted posted,
			Outcome outcome, Split after) {
		StringBuilder report = new StringBuilder();
		report.append(String.format(
				"# Two instances of every service: %,d referrals at %.1f a second%n%nStarted %s on %d cores (load average %s, %s at the end); the stack of %d processes ready in %.0f s; posting took %d s; quiet %.0f s after the last post.%n%n",
				run.referrals(), run.perSecond(), run.started(), Runtime.getRuntime().availableProcessors(),
				run.loadBefore(), run.loadAfter(), 4 + 4 * INSTANCES, seconds(run.ready()), run.posting().toSeconds(),
				seconds(run.quiet())));
		report.append(
				"| referrals | accepted | accepted by referral-service 1 / 2 | posts retried | lost | duplicated | invariants |\n| --- | --- | --- | --- | --- | --- | --- |\n");
		long holding = outcome.invariants().results().stream().filter((result) -> result.holds()).count();
		report.append(String.format("| %d | %d | %d / %d | %d | %d | %d | %d of %d %s |%n%n", run.referrals(),
				posted.ids().size(), posted.acceptedBy().getOrDefault(1, 0), posted.acceptedBy().getOrDefault(2, 0),
				posted.retried(), outcome.lost(), outcome.duplicated(), holding, outcome.invariants().results().size(),
				outcome.invariants().allHold() ? "OK" : "FAILED"));
		report.append(String.format("## Partitions before the load (%s after %.0f s)%n%n",
				before.reached() ? "every group split" : "NOT every group split", seconds(before.after())));
		report.append(before.value().markdown()).append('\n');
		if (fault != null) {
			report.append("## Fault: kill -9 matching-service's second instance halfway, restart\n\n");
			report.append(String.format("- the first instance held all of matching-service's partitions: %s%n",
					reached(fault.takenOver(), "after the kill")));
			report.append(String.format("- the second instance ready again: %s%n", (fault.restarted() != null)
					? String.format("%.0f s after its restart", seconds(fault.restarted())) : "no"));
			report.append(String.format("- matching-service's partitions split again: %s%n",
					reached(fault.splitAgain(), "after it was ready")));
			if (fault.failure() != null) {
				report.append("- failed: ").append(fault.failure()).append('\n');
			}
			report.append('\n');
		}
		report.append("## Partitions after the load\n\n").append(after.markdown()).append('\n');
		report.append(outcome.invariants().markdown());
		return report.toString();
	}

	private static String reached(@Nullable Timed<Split> timed, String since) {
		if (timed == null) {
			return "not reached";
		}
		return String.format("%s %.0f s %s", timed.reached() ? "" : "NOT within", seconds(timed.after()), since).trim();
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

}
