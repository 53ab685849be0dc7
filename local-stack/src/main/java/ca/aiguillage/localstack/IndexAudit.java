package ca.aiguillage.localstack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import de.bwaldvogel.mongo.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a real MongoDB would read whole: every query the embedded store answers is judged
 * against the indexes the services declared ({@code createIndexes}, which they send at
 * each start) as a real MongoDB's planner would use them, and the shape of each query no
 * declared index serves is kept (collection, command, filter and sort, values left out),
 * and logged once. The embedded store itself uses only {@code _id} and unique indexes;
 * this says whether the same code on a real replica set stays flat as data grows. Off
 * unless {@code -Daiguillage.mongo.index-audit=true}.
 *
 * <p>
 * A declared index serves a query when the query gives its first field a condition an
 * index can bound (a value, {@code $in}, a range, {@code $exists: true}, an element of an
 * array through {@code $elemMatch}), and, for a partial index, implies its filter; or
 * when a query limited to a few documents sorts on its first field. {@code _id} serves
 * every query that names it.
 */
final class IndexAudit {

	private static final Logger log = LoggerFactory.getLogger(IndexAudit.class);

	private static final Set<String> NOT_BOUNDED = Set.of("$ne", "$nin", "$not", "$nor", "$where", "$expr", "$regex");

	/** A condition that the field is null or missing, which a full index holds too. */
	private static final Object NULL = new Object();

	private final boolean enabled;

	/** Each namespace's declared indexes: key, and the partial filter or sparse flag. */
	private final Map<String, List<Declared>> declared = new ConcurrentHashMap<>();

	private final Set<String> unindexed = ConcurrentHashMap.newKeySet();

	private record Declared(List<String> keys, Map<String, Object> partial, boolean sparse) {
	}

	IndexAudit(boolean enabled) {
		this.enabled = enabled;
	}

	static IndexAudit fromSystemProperty() {
		return new IndexAudit(Boolean.getBoolean("aiguillage.mongo.index-audit"));
	}

	boolean enabled() {
		return this.enabled;
	}

	/**
	 * The queries seen so far that no declared index serves, each as
	 * {@code database.collection command filter [sort]}, values left out.
	 */
	Set<String> unindexed() {
		return new TreeSet<>(this.unindexed);
	}

	void observe(String databaseName, String command, Document query) {
		if (!this.enabled) {
			return;
		}
		String name = command.toLowerCase(Locale.ROOT);
		Object collection = query.get(command);
		if (!(collection instanceof String)) {
			return;
		}
		String namespace = databaseName + "." + collection;
		switch (name) {
			case "createindexes" -> remember(namespace, query.get("indexes"));
			case "find" -> judge(namespace, "find", query.get("filter"), query.get("sort"), query.get("limit"));
			case "count" -> {
				// Without a filter, a real MongoDB answers from the collection's own
				// count.
				if (query.get("query") instanceof Document filter && !filter.isEmpty()) {
					judge(namespace, "count", filter, null, query.get("limit"));
				}
			}
			case "distinct" -> judge(namespace, "distinct", query.get("query"), null, null);
			case "findandmodify" -> judge(namespace, "findAndModify", query.get("query"), query.get("sort"), 1);
			case "update" -> each(query.get("updates")).forEach(statement -> judge(namespace, "update",
					statement.get("q"), null, isTrue(statement.get("multi")) ? null : 1));
			case "delete" -> each(query.get("deletes"))
				.forEach(statement -> judge(namespace, "delete", statement.get("q"), null, statement.get("limit")));
			case "aggregate" -> judge(namespace, "aggregate", firstMatch(query.get("pipeline")), null, null);
			default -> {
			}
		}
	}

	private void remember(String namespace, Object indexes) {
		for (Document index : each(indexes)) {
			if (!(index.get("key") instanceof Document key)) {
				continue;
			}
			Map<String, Object> partial = (index.get("partialFilterExpression") instanceof Document filter)
					? conditions(filter) : Map.of();
			Declared declared = new Declared(List.copyOf(key.keySet()), partial, isTrue(index.get("sparse")));
			this.declared.compute(namespace, (ignored, known) -> {
				List<Declared> all = (known != null) ? new ArrayList<>(known) : new ArrayList<>();
				if (!all.contains(declared)) {
					all.add(declared);
				}
				return List.copyOf(all);
			});
		}
	}

	private void judge(String namespace, String command, Object filter, Object sort, Object limit) {
		Document given = (filter instanceof Document document) ? document : new Document();
		if (served(namespace, given, sort, limit)) {
			return;
		}
		String shape = namespace + " " + command + " " + SlowCommands.shape(given)
				+ ((sort instanceof Document order && !order.isEmpty()) ? " sort " + order.keySet() : "");
		if (this.unindexed.add(shape)) {
			log.info("no declared index serves {}", shape);
		}
	}

	private boolean served(String namespace, Document filter, Object sort, Object limit) {
		Map<String, Object> conditions = conditions(filter);
		Object id = conditions.get("_id");
		if ((bounded(id) && !onlyExists(id)) || servedByField(namespace, conditions)) {
			return true;
		}
		// A set of alternatives (top level, or one part of an $and) is served when each
		// of them is, with what the filter says besides.
		for (List<Document> alternatives : alternatives(filter)) {
			if (!alternatives.isEmpty() && alternatives.stream()
				.allMatch(branch -> served(namespace, merged(filter, branch), null, null))) {
				return true;
			}
		}
		boolean few = limit instanceof Number count && count.intValue() > 0;
		if (!(sort instanceof Document order) || order.isEmpty()) {
			// The first documents of the collection, whichever they are.
			return few && conditions.isEmpty() && alternatives(filter).isEmpty();
		}
		// A few documents in the order of an index: read from its start, not the
		// collection.
		String first = order.keySet().iterator().next();
		return few && (first.equals("_id") || this.declared.getOrDefault(namespace, List.of())
			.stream()
			.anyMatch(index -> index.keys().get(0).equals(first) && index.partial().isEmpty() && !index.sparse()));
	}

	/**
	 * The filter's sets of alternatives: its {@code $or}, and each in its {@code $and}.
	 */
	private static List<List<Document>> alternatives(Document filter) {
		List<List<Document>> found = new ArrayList<>();
		if (filter.containsKey("$or")) {
			found.add(each(filter.get("$or")));
		}
		each(filter.get("$and")).forEach(part -> found.addAll(alternatives(part)));
		return found;
	}

	private boolean servedByField(String namespace, Map<String, Object> conditions) {
		for (Declared index : this.declared.getOrDefault(namespace, List.of())) {
			Object condition = condition(conditions, index.keys().get(0));
			if (!bounded(condition)) {
				continue;
			}
			if (index.sparse() && !excludesMissing(condition)) {
				continue;
			}
			// "Has the field" reads every entry: only an index of fewer documents than
			// the collection's narrows anything with it.
			if (onlyExists(condition) && !index.sparse() && index.partial().isEmpty()) {
				continue;
			}
			if (index.partial()
				.entrySet()
				.stream()
				.allMatch(required -> implies(condition(conditions, required.getKey()), required.getValue()))) {
				return true;
			}
		}
		return false;
	}

	private static boolean onlyExists(Object condition) {
		return condition instanceof Document operators && operators.size() == 1 && operators.containsKey("$exists");
	}

	/**
	 * The condition on a field, also through {@code $elemMatch} on the array above it.
	 */
	private static Object condition(Map<String, Object> conditions, String field) {
		Object direct = conditions.get(field);
		if (direct != null) {
			return direct;
		}
		int dot = field.indexOf('.');
		if (dot > 0 && conditions.get(field.substring(0, dot)) instanceof Document array
				&& array.get("$elemMatch") instanceof Document element) {
			return condition(conditions(element), field.substring(dot + 1));
		}
		return null;
	}

	/** Whether an index can bound a scan by this condition. */
	private static boolean bounded(Object condition) {
		if (condition == null) {
			return false;
		}
		if (condition instanceof Document operators && !operators.isEmpty()
				&& operators.keySet().iterator().next().startsWith("$")) {
			if (operators.keySet().stream().allMatch(NOT_BOUNDED::contains)) {
				return false;
			}
			return !Objects.equals(operators.get("$exists"), Boolean.FALSE) || operators.size() > 1;
		}
		return true;
	}

	private static boolean excludesMissing(Object condition) {
		if (condition == NULL) {
			return false;
		}
		if (condition instanceof Document operators && operators.containsKey("$exists")) {
			return isTrue(operators.get("$exists"));
		}
		return condition != null && !(condition instanceof Document operators && operators.containsKey("$in")
				&& operators.get("$in") instanceof List<?> values && values.contains(null));
	}

	/**
	 * Whether a query's condition on a field implies a partial index's condition on it.
	 */
	private static boolean implies(Object given, Object required) {
		if (given == null) {
			return false;
		}
		if (required instanceof Document operators && operators.size() == 1 && isTrue(operators.get("$exists"))) {
			return excludesMissing(given);
		}
		Object wanted = (required instanceof Document operators && operators.size() == 1
				&& operators.containsKey("$eq")) ? operators.get("$eq") : required;
		Object value = (given instanceof Document operators && operators.size() == 1 && operators.containsKey("$eq"))
				? operators.get("$eq") : given;
		return Objects.equals(value, wanted);
	}

	/** A filter's conditions by field, its top-level {@code $and} merged in. */
	private static Map<String, Object> conditions(Document filter) {
		Map<String, Object> conditions = new LinkedHashMap<>();
		filter.forEach((field, condition) -> {
			if (field.equals("$and")) {
				each(condition).forEach(part -> conditions.putAll(conditions(part)));
			}
			else if (!field.startsWith("$")) {
				conditions.put(field, (condition != null) ? condition : NULL);
			}
		});
		return conditions;
	}

	/** The filter's own conditions with one alternative's, without the alternatives. */
	private static Document merged(Document filter, Document branch) {
		Document merged = new Document();
		conditions(filter).forEach(merged::put);
		conditions(branch).forEach(merged::put);
		return merged;
	}

	private static Document firstMatch(Object pipeline) {
		List<Document> stages = each(pipeline);
		if (!stages.isEmpty() && stages.get(0).get("$match") instanceof Document match) {
			return match;
		}
		return new Document();
	}

	private static List<Document> each(Object documents) {
		List<Document> found = new ArrayList<>();
		if (documents instanceof List<?> list) {
			list.forEach(item -> {
				if (item instanceof Document document) {
					found.add(document);
				}
			});
		}
		return found;
	}

	/** Truth as the wire gives it: a boolean, or a number other than zero. */
	private static boolean isTrue(Object value) {
		return (value instanceof Boolean flag) ? flag : (value instanceof Number number && number.doubleValue() != 0);
	}

}
