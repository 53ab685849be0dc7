package ca.aiguillage.referral.intake;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * How many find commands the service's MongoDB client sent, by collection: all of them,
 * and those by {@code _id} alone by thread (a job run on the test's thread is counted
 * apart from the service's consumers).
 */
class FindCounts implements CommandListener {

	private final Map<String, AtomicLong> byIdByThread = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> all = new ConcurrentHashMap<>();

	/** Counts the finds of the service under test. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Counting {

		@Bean
		FindCounts findCounts() {
			return new FindCounts();
		}

		@Bean
		MongoClientSettingsBuilderCustomizer countFinds(FindCounts finds) {
			return settings -> settings.addCommandListener(finds);
		}

	}

	@Override
	public void commandStarted(CommandStartedEvent event) {
		if (!event.getCommandName().equals("find")) {
			return;
		}
		// The command is read from the driver's buffer, valid only during this call.
		BsonDocument command = event.getCommand();
		String collection = command.getString("find").getValue();
		this.all.computeIfAbsent(collection, key -> new AtomicLong()).incrementAndGet();
		if (command.containsKey("filter") && command.getDocument("filter").keySet().equals(Set.of("_id"))) {
			this.byIdByThread.computeIfAbsent(key(collection, Thread.currentThread()), key -> new AtomicLong())
				.incrementAndGet();
		}
	}

	/** The reads by {@code _id} of a collection this thread made since it last asked. */
	long takeByIdOnThisThread(String collection) {
		AtomicLong count = this.byIdByThread.remove(key(collection, Thread.currentThread()));
		return (count != null) ? count.get() : 0;
	}

	/** The finds of a collection, any filter, any thread, since the last time asked. */
	long takeAll(String collection) {
		AtomicLong count = this.all.remove(collection);
		return (count != null) ? count.get() : 0;
	}

	private static String key(String collection, Thread thread) {
		return collection + "@" + thread.threadId();
	}

}
