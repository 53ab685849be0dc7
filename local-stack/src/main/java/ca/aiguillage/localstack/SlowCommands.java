package ca.aiguillage.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import de.bwaldvogel.mongo.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store's slow-command log: each command that took longer than the threshold
 * ({@code -Daiguillage.mongo.slow-ms}, off by default), and each that read a whole
 * collection ({@code -Daiguillage.mongo.log-scans=true}), with its collection and the
 * shape of its filter, values left out (they may be personal).
 */
final class SlowCommands {

	private static final Logger log = LoggerFactory.getLogger(SlowCommands.class);

	private final long thresholdNanos;

	private final boolean scans;

	private SlowCommands(long thresholdNanos, boolean scans) {
		this.thresholdNanos = thresholdNanos;
		this.scans = scans;
	}

	static SlowCommands fromSystemProperty() {
		long millis = Long.getLong("aiguillage.mongo.slow-ms", -1);
		return new SlowCommands((millis < 0) ? Long.MAX_VALUE : millis * 1_000_000,
				Boolean.getBoolean("aiguillage.mongo.log-scans"));
	}

	void record(String databaseName, String command, Document query, long nanos, boolean scanned) {
		if (nanos < this.thresholdNanos && !(scanned && this.scans)) {
			return;
		}
		Object collection = query.get(command);
		log.info("{} {} {}.{} {} ms filter {}", scanned ? "scan" : "slow", command, databaseName, collection,
				nanos / 1_000_000, shape(filterOf(command.toLowerCase(Locale.ROOT), query)));
	}

	private static Object filterOf(String command, Document query) {
		return switch (command) {
			case "find" -> query.get("filter");
			case "count", "findandmodify" -> query.get("query");
			case "aggregate" -> query.get("pipeline");
			case "update" -> each(query.get("updates"), "q");
			case "delete" -> each(query.get("deletes"), "q");
			default -> null;
		};
	}

	private static Object each(Object statements, String key) {
		List<Object> filters = new ArrayList<>();
		if (statements instanceof List<?> list) {
			list.forEach(statement -> filters.add((statement instanceof Document document) ? document.get(key) : null));
		}
		return filters;
	}

	/** The keys and operators of a filter, every value replaced by '?'. */
	static String shape(Object value) {
		if (value instanceof Map<?, ?> map) {
			StringBuilder out = new StringBuilder("{");
			map.forEach((key,
					inner) -> out.append((out.length() > 1) ? ", " : "").append(key).append(": ").append(shape(inner)));
			return out.append('}').toString();
		}
		if (value instanceof List<?> list) {
			StringBuilder out = new StringBuilder("[");
			list.forEach(inner -> out.append((out.length() > 1) ? ", " : "").append(shape(inner)));
			return out.append(']').toString();
		}
		return (value == null) ? "-" : "?";
	}

}
