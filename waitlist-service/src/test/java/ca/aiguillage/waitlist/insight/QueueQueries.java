package ca.aiguillage.waitlist.insight;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The queries (find, count, aggregate) the service's MongoDB client sends, with the
 * fields their filters name and the thread that sent them: a query not by {@code _id} is
 * a full scan on the embedded store.
 */
class QueueQueries implements CommandListener {

	private static final Set<String> QUERIES = Set.of("find", "count", "aggregate");

	private final List<Query> queries = new CopyOnWriteArrayList<>();

	/**
	 * One query.
	 *
	 * @param collection the collection it reads
	 * @param filterFields the fields its filter names
	 * @param thread the name of the thread that sent it
	 */
	record Query(String collection, Set<String> filterFields, String thread) {

		boolean byId() {
			return this.filterFields.equals(Set.of("_id"));
		}

	}

	@Override
	public void commandStarted(CommandStartedEvent event) {
		if (!QUERIES.contains(event.getCommandName())) {
			return;
		}
		BsonDocument command = event.getCommand();
		// The command is read from the driver's buffer, valid only during this call.
		BsonValue collection = command.get(event.getCommandName());
		if (collection == null || !collection.isString()) {
			return;
		}
		this.queries.add(new Query(collection.asString().getValue(), Set.copyOf(filter(command).keySet()),
				Thread.currentThread().getName()));
	}

	private static BsonDocument filter(BsonDocument command) {
		if (command.containsKey("filter")) {
			return command.getDocument("filter");
		}
		if (command.containsKey("query")) {
			return command.getDocument("query");
		}
		BsonArray pipeline = command.getArray("pipeline", new BsonArray());
		for (BsonValue stage : pipeline) {
			if (stage.isDocument() && stage.asDocument().containsKey("$match")) {
				return stage.asDocument().getDocument("$match");
			}
		}
		return new BsonDocument();
	}

	void clear() {
		this.queries.clear();
	}

	/**
	 * The queries of a collection not by {@code _id}, from the threads answering HTTP.
	 */
	List<Query> scansOf(String collection) {
		return this.queries.stream()
			.filter(query -> query.collection().equals(collection) && !query.byId()
					&& !query.thread().startsWith("scheduling"))
			.toList();
	}

}
