package ca.aiguillage.testing;

import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;

/**
 * Every {@code find} command the service's MongoDB client sends, as the server receives
 * it: tests use it to tell reads by {@code _id} from queries a store answers by scanning.
 */
public class FindCommands implements CommandListener {

	// Every context of a service records its finds for its whole life: added to in
	// constant time.
	private final Queue<Find> finds = new ConcurrentLinkedQueue<>();

	/**
	 * One find command.
	 *
	 * @param collection the collection it reads
	 * @param filterFields the fields its filter names
	 */
	public record Find(String collection, Set<String> filterFields) {

		public boolean byId() {
			return this.filterFields.equals(Set.of("_id"));
		}

	}

	@Override
	public void commandStarted(CommandStartedEvent event) {
		if (event.getCommandName().equals("find")) {
			BsonDocument command = event.getCommand();
			// The command is read from the driver's buffer, valid only during this call.
			this.finds.add(new Find(command.getString("find").getValue(),
					command.containsKey("filter") ? Set.copyOf(command.getDocument("filter").keySet()) : Set.of()));
		}
	}

	public void clear() {
		this.finds.clear();
	}

	public List<Find> of(String collection) {
		return this.finds.stream().filter(find -> find.collection().equals(collection)).toList();
	}

}
