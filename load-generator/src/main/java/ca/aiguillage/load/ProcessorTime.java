package ca.aiguillage.load;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The processor time the stack's processes and the generator itself use, as the operating
 * system counts it (user and system time of every thread, from the JDK's
 * {@link ProcessHandle}). Unlike a latency, processor time per referral hardly depends on
 * how busy the machine is: it says what a referral costs, and so what rate a machine can
 * hold at most.
 */
final class ProcessorTime {

	/**
	 * What the command line of every process of the local stack holds (its jar's name).
	 */
	static final String STACK_MARK = "aiguillage-local-stack";

	private static final Duration WINDOW = Duration.ofSeconds(2);

	private final List<ProcessHandle> stack;

	private final ProcessHandle generator;

	ProcessorTime(List<ProcessHandle> stack, ProcessHandle generator) {
		this.stack = List.copyOf(stack);
		this.generator = generator;
	}

	/**
	 * The local stack's processes: the one named, or every process whose command line
	 * holds {@link #STACK_MARK} (the one-JVM stack, or each part of {@code --processes}),
	 * with their descendants; never the generator itself.
	 * @param pid the stack's process, or null to look for it
	 * @return the time of those processes and of this one
	 */
	static ProcessorTime ofLocalStack(@Nullable Long pid) {
		ProcessHandle self = ProcessHandle.current();
		Predicate<ProcessHandle> marked = (
				process) -> process.info().commandLine().filter((line) -> line.contains(STACK_MARK)).isPresent();
		List<ProcessHandle> roots = (pid != null) ? ProcessHandle.of(pid).stream().toList()
				: ProcessHandle.allProcesses().filter(marked).toList();
		Set<ProcessHandle> all = new LinkedHashSet<>();
		roots.forEach((root) -> Stream.concat(Stream.of(root), root.descendants()).forEach(all::add));
		all.remove(self);
		return new ProcessorTime(List.copyOf(all), self);
	}

	/** Whether any process of the stack was found. */
	boolean found() {
		return !this.stack.isEmpty();
	}

	/** How many processes of the stack are counted. */
	int processes() {
		return this.stack.size();
	}

	/** The stack's processes counted. */
	List<Long> pids() {
		return this.stack.stream().map(ProcessHandle::pid).toList();
	}

	/** The time used so far. */
	Sample sample() {
		return new Sample(System.nanoTime(), total(this.stack), total(List.of(this.generator)));
	}

	private static Duration total(List<ProcessHandle> processes) {
		return processes.stream()
			.map((process) -> process.info().totalCpuDuration().orElse(Duration.ZERO))
			.reduce(Duration.ZERO, Duration::plus);
	}

	/**
	 * The stack's own background use while nothing is offered (pollers, timers, the
	 * broker's housekeeping), watched in a few windows before a load: taken off its
	 * figures.
	 * @param windows how many windows of two seconds
	 * @return cores busy, on average and how far the windows spread
	 */
	Background background(int windows) throws InterruptedException {
		double sum = 0;
		double least = Double.MAX_VALUE;
		double most = 0;
		Sample last = sample();
		for (int i = 0; i < windows; i++) {
			Thread.sleep(WINDOW);
			Sample now = sample();
			double cores = now.stackCoresSince(last);
			sum += cores;
			least = Math.min(least, cores);
			most = Math.max(most, cores);
			last = now;
		}
		return new Background(sum / windows, (most - least) / 2);
	}

	/**
	 * The stack's background use.
	 *
	 * @param cores cores busy on average
	 * @param spread half the difference between the busiest and the quietest window: over
	 * a phase of t seconds, t times this is how far the background taken off may be wrong
	 */
	record Background(double cores, double spread) {

		/**
		 * How far a phase's per-referral figure may be off through the background.
		 * @param use the phase
		 * @param referrals its referrals
		 * @return milliseconds per referral
		 */
		double uncertainty(Use use, long referrals) {
			return Use.perReferral(Duration.ofNanos((long) (this.spread * use.elapsed().toNanos())), referrals);
		}

	}

	/**
	 * A window counts as idle below this many cores: a stack doing nothing but its
	 * pollers and timers stays well under it.
	 */
	static final double IDLE_CORES = 0.3;

	/**
	 * Waits, in windows of two seconds, until the stack is idle or the limit: a stack
	 * restarted on a large store may still be working off what it held (the text messages
	 * held overnight go at 08:00), and a load measured meanwhile measures that work as
	 * well.
	 * @param atMost the limit
	 * @return how long it waited and the last window's use
	 */
	Settled awaitIdle(Duration atMost) throws InterruptedException {
		return awaitAtMost(IDLE_CORES, atMost);
	}

	/**
	 * How the stack was before a load.
	 *
	 * @param waited how long the generator waited for it to fall idle
	 * @param cores its use in the last window
	 */
	record Settled(Duration waited, double cores) {

		/** Whether it fell below {@link #IDLE_CORES} within the limit. */
		boolean idle() {
			return this.cores <= IDLE_CORES;
		}

	}

	/**
	 * Waits until the stack is back to about its background use (the work a load left
	 * behind, messages sent after the decision included), in windows of two seconds, or
	 * the limit.
	 * @param idleCores the background use
	 * @param atMost the limit
	 */
	void awaitCalm(double idleCores, Duration atMost) throws InterruptedException {
		awaitAtMost(calm(idleCores), atMost);
	}

	/**
	 * Waits, in windows of two seconds, until a window's use is at most the given cores,
	 * or the limit.
	 */
	private Settled awaitAtMost(double cores, Duration atMost) throws InterruptedException {
		long begun = System.nanoTime();
		long deadline = begun + atMost.toNanos();
		Sample last = sample();
		double used;
		do {
			Thread.sleep(WINDOW);
			Sample now = sample();
			used = now.stackCoresSince(last);
			last = now;
		}
		while (used > cores && System.nanoTime() < deadline);
		return new Settled(Duration.ofNanos(System.nanoTime() - begun), used);
	}

	/** A window counts as calm within a tenth of a core above the background use. */
	static double calm(double idleCores) {
		return idleCores + 0.1;
	}

	/**
	 * Processor time at one moment.
	 *
	 * @param nanos when, {@link System#nanoTime()}
	 * @param stack the stack's processes' time so far
	 * @param generator the generator's time so far
	 */
	record Sample(long nanos, Duration stack, Duration generator) {

		double stackCoresSince(Sample earlier) {
			long elapsed = this.nanos - earlier.nanos;
			return (elapsed <= 0) ? 0 : (double) this.stack.minus(earlier.stack).toNanos() / elapsed;
		}

		/**
		 * The time used since an earlier sample, the stack's background use taken off.
		 * @param earlier the sample at the phase's start
		 * @param idleCores the stack's background use
		 * @return what the phase used
		 */
		Use since(Sample earlier, double idleCores) {
			long elapsed = this.nanos - earlier.nanos;
			long background = (long) (idleCores * elapsed);
			Duration stack = this.stack.minus(earlier.stack).minusNanos(background);
			return new Use(stack.isNegative() ? Duration.ZERO : stack, this.generator.minus(earlier.generator),
					Duration.ofNanos(elapsed));
		}

	}

	/**
	 * What one phase used.
	 *
	 * @param stack the stack's processes, their background use taken off
	 * @param generator the generator's process (its clients, and in the baseline the bare
	 * server and consumer)
	 * @param elapsed from the phase's first offer to calm
	 */
	record Use(Duration stack, Duration generator, Duration elapsed) {

		Duration together() {
			return this.stack.plus(this.generator);
		}

		/** Milliseconds of processor time per referral, or NaN without referrals. */
		static double perReferral(Duration time, long referrals) {
			return (referrals > 0) ? time.toNanos() / 1e6 / referrals : Double.NaN;
		}

	}

}
