package ca.aiguillage.waitlist.insight;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import ca.aiguillage.waitlist.queue.QueueEntry;
import ca.aiguillage.waitlist.queue.QueueStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * A predicted start date for a client not yet in therapy: the clients of the same
 * organization registered before them, divided by the pace at which that organization's
 * clients started therapy over the last 90 days, as a range one standard deviation wide
 * (starts counted as a Poisson process). Worked out at each read, so a change of capacity
 * or pace shows at once.
 */
@Component
public class StartForecast {

	static final Duration WINDOW = Duration.ofDays(90);

	private static final ZoneId QUEBEC = ZoneId.of("America/Montreal");

	private final MongoOperations mongo;

	private final Clock clock;

	StartForecast(MongoOperations mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/**
	 * A predicted start and what it rests on.
	 *
	 * @param referralId the referral
	 * @param from the earliest likely start, or null when there is no basis
	 * @param to the latest likely start, or null when there is no basis
	 * @param basis what the forecast rests on
	 */
	public record PredictedStart(String referralId, @Nullable LocalDate from, @Nullable LocalDate to, Basis basis) {
	}

	/**
	 * What a forecast rests on.
	 *
	 * @param method {@code OBSERVED_STARTS}, {@code NO_RECENT_STARTS} or
	 * {@code NOT_WAITING}
	 * @param position the client's place among their organization's clients not yet in
	 * therapy, longest wait first
	 * @param startsInWindow how many of the organization's clients started therapy in the
	 * window
	 * @param windowDays the window, in days
	 */
	public record Basis(String method, long position, long startsInWindow, long windowDays) {
	}

	public PredictedStart forecast(QueueEntry entry) {
		Instant now = this.clock.instant();
		if (entry.status() == null || !QueueStatus.BEFORE_THERAPY.contains(entry.status())
				|| entry.organizationId() == null || entry.registeredAt() == null) {
			return new PredictedStart(entry.getId(), null, null, new Basis("NOT_WAITING", 0, 0, WINDOW.toDays()));
		}
		long position = this.mongo.count(new Query(Criteria.where("organizationId")
			.is(entry.organizationId())
			.and("status")
			.in(QueueStatus.BEFORE_THERAPY)
			.and("registeredAt")
			.lt(entry.registeredAt())), QueueEntry.class) + 1;
		long starts = this.mongo.count(
				new Query(Criteria.where("organizationId")
					.is(entry.organizationId())
					.and("steps")
					.elemMatch(Criteria.where("what").is("THERAPY_STARTED").and("at").gte(now.minus(WINDOW)))),
				QueueEntry.class);
		if (starts == 0) {
			return new PredictedStart(entry.getId(), null, null,
					new Basis("NO_RECENT_STARTS", position, 0, WINDOW.toDays()));
		}
		double daysPerStart = (double) WINDOW.toDays() / starts;
		double spread = Math.sqrt(position);
		LocalDate today = LocalDate.ofInstant(now, QUEBEC);
		LocalDate from = today.plusDays(Math.round(Math.max(0, position - spread) * daysPerStart));
		LocalDate to = today.plusDays(Math.round((position + spread) * daysPerStart));
		return new PredictedStart(entry.getId(), from, to,
				new Basis("OBSERVED_STARTS", position, starts, WINDOW.toDays()));
	}

}
