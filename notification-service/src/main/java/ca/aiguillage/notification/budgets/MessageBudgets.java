package ca.aiguillage.notification.budgets;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Takes one message from a destination's hourly budget and from the global one, each a
 * conditional write of one document keyed by its id.
 */
@Component
@EnableConfigurationProperties(BudgetSettings.class)
public class MessageBudgets {

	/** Why a message waits: its destination had its messages for this hour. */
	public static final String DESTINATION_REACHED = "BUDGET_REACHED_DESTINATION";

	/** Why a message waits: self-referred clients had their messages for this hour. */
	public static final String GLOBAL_REACHED = "BUDGET_REACHED_GLOBAL";

	/** The metric counted each time a budget holds a message back. */
	public static final String REACHED_METRIC = "aiguillage.notification.budget.reached";

	private static final String GLOBAL = "global";

	private final MongoOperations mongo;

	private final BudgetSettings settings;

	private final MeterRegistry meters;

	MessageBudgets(MongoOperations mongo, BudgetSettings settings, MeterRegistry meters) {
		this.mongo = mongo;
		this.settings = settings;
		this.meters = meters;
		// Present at zero from the start, so that an alert sees the first one reached.
		for (String budget : java.util.List.of("destination", "global")) {
			for (String channel : java.util.List.of("EMAIL", "SMS")) {
				meters.counter(REACHED_METRIC, "budget", budget, "channel", channel);
			}
		}
	}

	/**
	 * Takes one message for a destination now.
	 * @param channel {@code EMAIL} or {@code SMS}
	 * @param destinationHash the keyed hash of the address or number
	 * @return empty when the message may go, or why it must wait
	 */
	public Optional<String> take(String channel, String destinationHash, Instant now) {
		String hour = now.truncatedTo(ChronoUnit.HOURS).toString().substring(0, 13);
		String destination = channel + "|" + destinationHash;
		if (!take(destination, this.settings.perDestinationHourly(), hour)) {
			return reached(DESTINATION_REACHED, "destination", channel);
		}
		if (!take(GLOBAL, this.settings.globalHourly(), hour)) {
			// The destination's share goes back: this message did not go.
			this.mongo.updateFirst(current(destination, hour), new Update().inc("count", -1), MessageBudget.class);
			return reached(GLOBAL_REACHED, "global", channel);
		}
		return Optional.empty();
	}

	private Optional<String> reached(String reason, String budget, String channel) {
		this.meters.counter(REACHED_METRIC, "budget", budget, "channel", channel).increment();
		return Optional.of(reason);
	}

	private boolean take(String id, int limit, String hour) {
		if (limit <= 0) {
			return false;
		}
		for (int tries = 0; tries < 2; tries++) {
			Query underLimit = current(id, hour).addCriteria(Criteria.where("count").lt(limit));
			if (this.mongo.updateFirst(underLimit, new Update().inc("count", 1), MessageBudget.class)
				.getModifiedCount() == 1) {
				return true;
			}
			try {
				// A new hour starts the count again; the first message of a destination
				// makes its document.
				Query earlierHour = new Query(Criteria.where("_id").is(id).and("hour").ne(hour));
				var started = this.mongo.upsert(earlierHour, new Update().set("hour", hour).set("count", 1),
						MessageBudget.class);
				if (started.getModifiedCount() == 1 || started.getUpsertedId() != null) {
					return true;
				}
			}
			catch (DuplicateKeyException ex) {
				// The document counts this hour already: full, or another sender started
				// it.
			}
		}
		return false;
	}

	private static Query current(String id, String hour) {
		return new Query(Criteria.where("_id").is(id).and("hour").is(hour));
	}

}
