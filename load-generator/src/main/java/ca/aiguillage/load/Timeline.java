package ca.aiguillage.load;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * One referral's way through the topics, from its offer: when it was accepted, and when
 * each of its records was written (the producer's timestamp, as the service published it)
 * and read by this generator. Read hop by hop, it says where a slow referral waited:
 * before its intake was published, before matching published, before the queue did.
 *
 * @param referralId the referral
 * @param offered when the referral was offered ({@link System#nanoTime()})
 * @param accepted when its intake answered, or null when not known
 * @param decided when its first decision was read, or null when it had none
 * @param records its records, in the order they were written
 * @param clock how this run's {@link System#nanoTime()} reads as wall-clock time
 */
record Timeline(String referralId, long offered, @Nullable Long accepted, @Nullable Long decided, List<Record> records,
		Clock clock) {

	/** The header of {@link #csv}'s rows. */
	static final String CSV_HEADER = "referral,offered_s,accepted_ms,decided_ms,topic,type,written_ms,read_ms";

	/** Event types are named without this prefix in the report. */
	private static final String TYPE_PREFIX = "ca.aiguillage.";

	Timeline {
		records = records.stream().sorted(Comparator.comparingLong(Record::writtenAt)).toList();
	}

	/**
	 * One record of a referral.
	 *
	 * @param topic its topic
	 * @param type its CloudEvents type, empty when it had none
	 * @param writtenAt the record's timestamp, milliseconds since the epoch (the
	 * producer's clock: these are the services of the same machine)
	 * @param readAt when this generator read it ({@link System#nanoTime()})
	 */
	record Record(String topic, String type, long writtenAt, long readAt) {
	}

	/**
	 * This run's {@link System#nanoTime()} as wall-clock milliseconds.
	 *
	 * @param epochMillisAtNanoZero the wall-clock time at which nanoTime read 0
	 */
	record Clock(double epochMillisAtNanoZero) {

		static Clock now() {
			return new Clock(System.currentTimeMillis() - System.nanoTime() / 1e6);
		}

		double epochMillis(long nanoTime) {
			return this.epochMillisAtNanoZero + nanoTime / 1e6;
		}

	}

	/**
	 * How long after the offer the first record on a topic was written.
	 * @param topic the topic
	 * @return milliseconds, empty when the referral has no record there
	 */
	Optional<Double> firstWrittenOn(String topic) {
		return this.records.stream()
			.filter((record) -> record.topic().equals(topic))
			.findFirst()
			.map((record) -> record.writtenAt() - this.clock.epochMillis(this.offered));
	}

	/**
	 * One hop of a referral's way: from its acceptance, or from its first record on a
	 * topic, to its first record on another.
	 *
	 * @param from the topic it starts from, or null for the acceptance (the 201, or the
	 * broker's acknowledgement)
	 * @param to the topic it ends at
	 */
	record Hop(@Nullable String from, String to) {

		String describe() {
			return "hop: " + ((this.from != null) ? "first written on " + this.from : "accepted")
					+ " → first written on " + this.to;
		}

	}

	/**
	 * How long a hop took this referral.
	 * @param hop the hop
	 * @return milliseconds (0 when its end was written before its start was seen, as when
	 * the relay publishes before the 201 reaches the generator), empty when either end is
	 * missing
	 */
	Optional<Double> took(Hop hop) {
		Optional<Double> start = (hop.from() != null) ? firstWrittenOn(hop.from())
				: Optional.ofNullable(this.accepted).map(this::sinceOffer);
		return start.flatMap((begun) -> firstWrittenOn(hop.to()).map((ended) -> Math.max(0, ended - begun)));
	}

	/** From the offer to the first decision, in milliseconds; NaN when undecided. */
	double toDecision() {
		return (this.decided != null) ? sinceOffer(this.decided) : Double.NaN;
	}

	/**
	 * The referral's way in one line: when it was offered and accepted, then each record,
	 * its topic, its type, when it was written and when it was read.
	 * @param runBegun when the run's first referral was offered
	 */
	String describe(long runBegun) {
		StringBuilder line = new StringBuilder();
		line.append((this.decided != null) ? String.format(Locale.ROOT, "first decision at %,.0f ms", toDecision())
				: "no first decision");
		line.append(String.format(Locale.ROOT, "; offered %.1f s into the run", (this.offered - runBegun) / 1e9));
		if (this.accepted != null) {
			line.append(String.format(Locale.ROOT, "; accepted at %,.0f ms", sinceOffer(this.accepted)));
		}
		for (Record record : this.records) {
			line.append(String.format(Locale.ROOT, "; %s %s written at %,.0f ms, read at %,.0f ms", record.topic(),
					record.type().startsWith(TYPE_PREFIX) ? record.type().substring(TYPE_PREFIX.length())
							: record.type(),
					record.writtenAt() - this.clock.epochMillis(this.offered), sinceOffer(record.readAt())));
		}
		return line.toString();
	}

	/**
	 * The referral's records as CSV rows ({@link #CSV_HEADER}), one a record, a row with
	 * empty topic when it had none; times from the offer, the offer's from the run's
	 * start.
	 * @param runBegun when the run's first referral was offered
	 */
	List<String> csv(long runBegun) {
		String referral = String.format(Locale.ROOT, "%s,%.3f,%s,%s", this.referralId, (this.offered - runBegun) / 1e9,
				(this.accepted != null) ? millis(sinceOffer(this.accepted)) : "",
				(this.decided != null) ? millis(toDecision()) : "");
		if (this.records.isEmpty()) {
			return List.of(referral + ",,,,");
		}
		return this.records.stream()
			.map((record) -> String.join(",", referral, record.topic(), record.type(),
					millis(record.writtenAt() - this.clock.epochMillis(this.offered)),
					millis(sinceOffer(record.readAt()))))
			.toList();
	}

	private static String millis(double millis) {
		return String.format(Locale.ROOT, "%.1f", millis);
	}

	private double sinceOffer(long nanoTime) {
		return (nanoTime - this.offered) / 1e6;
	}

}
