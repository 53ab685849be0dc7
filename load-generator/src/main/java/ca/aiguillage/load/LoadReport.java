package ca.aiguillage.load;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** A run's figures as a Markdown report: the stack's, the baseline's and their ratios. */
final class LoadReport {

	private static final DateTimeFormatter MONTREAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
		.withZone(ZoneId.of("America/Montreal"));

	private LoadReport() {
	}

	static String markdown(LoadRun.Result result) {
		Phase stack = result.stack();
		Phase bare = result.bare();
		StringBuilder report = new StringBuilder();
		report.append(String.format(Locale.ROOT, "# Load: %s, %d %% through the inbound topic%n%n",
				result.settings().schedule().describe(), result.settings().inboundPercent()));
		report.append(String.format(Locale.ROOT,
				"Started at %s, Montreal time. Text messages to clients go at once from 08:00 to 21:00 and wait for 08:00 otherwise (the notification service's quiet hours): by night a referral costs less, and a stack restarted after 08:00 first sends what it held.%n%n",
				MONTREAL_TIME.format(result.started())));
		report.append("| phase | offered | accepted | accepted/s | errors |\n| --- | --- | --- | --- | --- |\n");
		row(report, "stack", stack);
		if (bare != null) {
			row(report, "baseline", bare);
		}
		report.append("\nLatencies in ms (HdrHistogram).\n\n");
		report.append("| figure | n | p50 | p95 | p99 | max | baseline p50 | baseline p99 | p50 ratio | p99 ratio |\n");
		report.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
		latency(report, stack.httpAccept, (bare != null) ? bare.httpAccept : null);
		latency(report, stack.inboundAccept, null);
		latency(report, stack.firstDecision, (bare != null) ? bare.firstDecision : null);
		latency(report, stack.inQueue, null);
		latency(report, stack.decidedInQueue, (bare != null) ? bare.firstDecision : null);
		stack.firstWritten.values().forEach((written) -> latency(report, written, null));
		stack.hops.values().forEach((hop) -> latency(report, hop, null));
		if (bare != null) {
			report.append(String.format(Locale.ROOT,
					"%nBaseline: a bare JDK HTTP server answering 201, then %d MongoDB write(s) and two Kafka round trips with plain clients, on the same broker and database; its \"first decision\" is the second round trip's arrival.%n",
					result.settings().baselineWrites()));
		}
		slowest(report, stack);
		settled(report, result.settled());
		processors(report, result);
		report.append(String.format(Locale.ROOT, "%nConsumer lag: at most %d records during the run; after it: %s%n",
				result.maxLag(), lag(result.lagAfter())));
		report.append("\nErrors: ").append(errors(stack)).append('\n');
		if (result.settings().resendRefused()) {
			report.append(String.format(Locale.ROOT,
					"Sent again after a 503 and its Retry-After, with the same Idempotency-Key (--resend-refused): %d posts; HTTP accept (201) counts from each referral's first offer.%n",
					stack.resent.sum()));
		}
		if (bare != null) {
			report.append("Baseline errors: ").append(errors(bare)).append('\n');
		}
		return report.toString();
	}

	/**
	 * Every referral's way as CSV: one row a record, in the order the referrals were
	 * offered.
	 * @param stack the stack's phase, traced
	 * @return the CSV text, with its header
	 */
	static String ways(Phase stack) {
		StringBuilder csv = new StringBuilder(Timeline.CSV_HEADER).append('\n');
		stack.ways.forEach((way) -> way.csv(stack.begun).forEach((row) -> csv.append(row).append('\n')));
		return csv.toString();
	}

	private static void slowest(StringBuilder report, Phase stack) {
		if (stack.slowest.isEmpty()) {
			return;
		}
		report.append(String.format(Locale.ROOT,
				"%nThe %d slowest to a first decision, hop by hop, from the offer: when each record was written (its producer's timestamp, after the service stored its change) and read by this generator.%n%n",
				stack.slowest.size()));
		stack.slowest.forEach((way) -> report.append("1. ").append(way).append('\n'));
	}

	private static void settled(StringBuilder report, ProcessorTime.@Nullable Settled settled) {
		if (settled == null) {
			return;
		}
		if (settled.idle()) {
			report.append(String.format(Locale.ROOT,
					"%nBefore the load, the stack fell idle (%.2f cores, under %.1f) after %d s.%n", settled.cores(),
					ProcessorTime.IDLE_CORES, settled.waited().toSeconds()));
			return;
		}
		report.append(String.format(Locale.ROOT,
				"%n**Before the load, the stack was still busy after %d s (%.2f cores, idle is under %.1f): the figures below include that work; they are not comparable with a run on an idle stack.**%n",
				settled.waited().toSeconds(), settled.cores(), ProcessorTime.IDLE_CORES));
	}

	private static void processors(StringBuilder report, LoadRun.Result result) {
		LoadRun.Processors processors = result.processors();
		if (processors == null) {
			report.append(String.format(Locale.ROOT,
					"%nProcessor time: not measured (no process whose command line holds %s; --stack-pid names one).%n",
					ProcessorTime.STACK_MARK));
			return;
		}
		report.append(String.format(Locale.ROOT,
				"%nProcessor time per referral, as the operating system counts it (every thread, user and system): the stack's %d process(es), their background use (%.2f cores ± %.2f, three windows of 2 s before the load) taken off, from the first offer until the stack is back to that use; and the generator's own process.%s%n%n",
				processors.processes(), processors.background().cores(), processors.background().spread(),
				result.settings().watchQueue()
						? " The queue watch's reads are in the stack's figure (--no-queue leaves them out)." : ""));
		report.append(
				"| phase | stack | ± background | generator | together | ratio to the baseline |\n| --- | --- | --- | --- | --- | --- |\n");
		double stack = ProcessorTime.Use.perReferral(processors.stack().together(), result.stack().accepted);
		ProcessorTime.Use bareUse = processors.bare();
		Phase barePhase = result.bare();
		boolean withBaseline = bareUse != null && barePhase != null;
		double bare = withBaseline ? ProcessorTime.Use.perReferral(bareUse.together(), barePhase.accepted) : Double.NaN;
		processorRow(report, "stack", processors.stack(), result.stack().accepted, processors.background(),
				ratio(stack, bare));
		if (withBaseline) {
			processorRow(report, "baseline", bareUse, barePhase.accepted, processors.background(), "");
		}
		int cores = Runtime.getRuntime().availableProcessors();
		if (stack > 0) {
			report.append(String.format(Locale.ROOT,
					"%nAt that cost, this machine's %d cores would hold at most about %.1f referrals a second (cores ÷ processor time per referral: an estimate, every core busy with nothing else).%n",
					cores, cores * 1000 / stack));
		}
	}

	private static void processorRow(StringBuilder report, String name, ProcessorTime.Use use, long referrals,
			ProcessorTime.Background background, String ratio) {
		report.append(String.format(Locale.ROOT, "| %s | %s ms | %s ms | %s ms | %s ms | %s |%n", name,
				ms(ProcessorTime.Use.perReferral(use.stack(), referrals)), ms(background.uncertainty(use, referrals)),
				ms(ProcessorTime.Use.perReferral(use.generator(), referrals)),
				ms(ProcessorTime.Use.perReferral(use.together(), referrals)), ratio));
	}

	private static void row(StringBuilder report, String name, Phase phase) {
		report.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %d |%n", name, phase.offered, phase.accepted,
				phase.acceptedPerSecond(), phase.errors.total()));
	}

	private static void latency(StringBuilder report, Latency ours, @Nullable Latency base) {
		if (ours.count() == 0) {
			return;
		}
		report.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s |%n", ours.name(),
				ours.count(), ms(ours.millis(50)), ms(ours.millis(95)), ms(ours.millis(99)), ms(ours.millis(100)),
				(base != null) ? ms(base.millis(50)) : "", (base != null) ? ms(base.millis(99)) : "",
				(base != null) ? ratio(ours.millis(50), base.millis(50)) : "",
				(base != null) ? ratio(ours.millis(99), base.millis(99)) : ""));
	}

	private static String ms(double millis) {
		return Double.isNaN(millis) ? "–" : String.format(Locale.ROOT, "%.1f", millis);
	}

	private static String ratio(double ours, double base) {
		return (Double.isNaN(ours) || Double.isNaN(base) || base <= 0) ? "–"
				: String.format(Locale.ROOT, "%.1f×", ours / base);
	}

	private static String lag(Map<String, Long> byGroup) {
		if (byGroup.isEmpty()) {
			return "no consumer group";
		}
		StringBuilder lags = new StringBuilder();
		byGroup.forEach(
				(group, lag) -> lags.append((lags.length() == 0) ? "" : ", ").append(group).append(' ').append(lag));
		return lags.toString();
	}

	private static String errors(Phase phase) {
		Map<String, Long> kinds = phase.errors.byKind();
		return kinds.isEmpty() ? "none" : kinds.toString();
	}

}
