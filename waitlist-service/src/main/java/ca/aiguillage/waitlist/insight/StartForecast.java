package ca.aiguillage.waitlist.insight;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import ca.aiguillage.waitlist.capacity.Capacity;
import ca.aiguillage.waitlist.capacity.Capacity.Places;
import ca.aiguillage.waitlist.queue.FeeBand;
import ca.aiguillage.waitlist.queue.QueueEntry;
import ca.aiguillage.waitlist.queue.QueueReadings;
import ca.aiguillage.waitlist.queue.QueueStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * A predicted start date for a client not yet in therapy. Their position is the clients
 * of the same organization (or of the network, for a referral without one) registered
 * before them, plus one. Where matching-service told of the organization's therapists,
 * that position is served at the pace the places that fit the client free up: active
 * places (low-fee places for a low-fee client) divided by the mean length of the
 * therapies that ended. Otherwise the position is divided by the pace at which clients
 * started therapy over the last 90 days. Either way the range is one standard deviation
 * wide (±√position starts, counted as a Poisson process). A range whose earliest day lies
 * beyond the horizon ({@code waitlist.forecast.horizon-days}, a year) gives no date: it
 * says nothing a client can plan on, so the basis says {@code BEYOND_HORIZON} instead.
 * Worked out at each read from counts kept in memory, so a change of places, therapy
 * length or pace shows at once.
 */
@Component
public class StartForecast {

	static final Duration WINDOW = Duration.ofDays(90);

	private static final ZoneId QUEBEC = ZoneId.of("America/Montreal");

	private final QueueReadings queue;

	private final Capacity capacity;

	private final ForecastSettings settings;

	private final Clock clock;

	StartForecast(QueueReadings queue, Capacity capacity, ForecastSettings settings, Clock clock) {
		this.queue = queue;
		this.capacity = capacity;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * A predicted start and what it rests on.
	 *
	 * @param from the earliest likely start, or null when there is no basis
	 * @param to the latest likely start, or null when there is no basis
	 * @param basis what the forecast rests on
	 */
	public record PredictedStart(String referralId, @Nullable LocalDate from, @Nullable LocalDate to, Basis basis) {
	}

	/**
	 * What a forecast rests on.
	 *
	 * @param method {@code CAPACITY}, {@code OBSERVED_STARTS}, {@code NO_RECENT_STARTS},
	 * {@code BEYOND_HORIZON} (the earliest likely day is further away than the horizon)
	 * or {@code NOT_WAITING}
	 * @param position the client's place among their organization's clients not yet in
	 * therapy, longest wait first
	 * @param startsInWindow how many of the organization's clients started therapy in the
	 * window
	 * @param windowDays the window, in days
	 * @param scope {@code ORGANIZATION}, or {@code NETWORK} for a referral without one
	 * @param places the active places that fit the client, or null when matching-service
	 * told of no therapist in the scope
	 * @param lowFeePlacesOnly whether only low-fee places fit the client
	 * @param meanTherapyDays the mean length of a therapy, in days, for {@code CAPACITY}
	 * @param endedTherapies how many ended therapies that mean rests on; fewer than the
	 * configured minimum means the configured default length was used
	 * @param daysPerStart the days between two starts the forecast counts on, or null
	 * without a date
	 * @param horizonDays how far away, in days, the earliest likely day may be for a date
	 * to be given
	 */
	public record Basis(String method, long position, long startsInWindow, long windowDays, String scope,
			@Nullable Integer places, boolean lowFeePlacesOnly, @Nullable Long meanTherapyDays, long endedTherapies,
			@Nullable Double daysPerStart, int horizonDays) {

		static Basis none(String method, long position, long starts, String scope, @Nullable Places capacity,
				boolean lowFee, int horizonDays) {
			return new Basis(method, position, starts, WINDOW.toDays(), scope, fitting(capacity, lowFee), lowFee, null,
					0, null, horizonDays);
		}

		/** The same basis under another method. */
		Basis withMethod(String other) {
			return new Basis(other, this.position, this.startsInWindow, this.windowDays, this.scope, this.places,
					this.lowFeePlacesOnly, this.meanTherapyDays, this.endedTherapies, this.daysPerStart,
					this.horizonDays);
		}

		static @Nullable Integer fitting(@Nullable Places capacity, boolean lowFee) {
			if (capacity == null) {
				return null;
			}
			return lowFee ? capacity.lowFeePlaces() : capacity.places();
		}

	}

	public PredictedStart forecast(QueueEntry entry) {
		Instant now = this.clock.instant();
		int horizon = this.settings.horizonDays();
		if (entry.status() == null || !QueueStatus.BEFORE_THERAPY.contains(entry.status())
				|| entry.registeredAt() == null) {
			return new PredictedStart(entry.getId(), null, null, Basis.none("NOT_WAITING", 0, 0,
					scope(entry.organizationId()), null, entry.registration().feeBand() == FeeBand.LOW_FEE, horizon));
		}
		String scope = scope(entry.organizationId());
		boolean lowFee = entry.registration().feeBand() == FeeBand.LOW_FEE;
		long position = this.queue.waitingAhead(entry.organizationId(), entry.registeredAt()) + 1;
		long starts = this.queue.countStartedSince(entry.organizationId(), now.minus(WINDOW));
		Places capacity = this.capacity.of(entry.organizationId()).orElse(null);
		Integer places = Basis.fitting(capacity, lowFee);
		LocalDate today = LocalDate.ofInstant(now, QUEBEC);
		if (places != null && places > 0) {
			QueueReadings.EndedTherapies ended = this.queue.endedTherapies(entry.organizationId());
			boolean measured = ended.count() >= this.settings.minEndedTherapies();
			long meanDays = measured ? ended.meanDays() : this.settings.defaultTherapyDays();
			// Each place takes a new client when its therapy ends: places ÷ mean length
			// starts a day.
			double daysPerStart = Math.max(1, meanDays) / (double) places;
			return dated(entry, today, position, daysPerStart, new Basis("CAPACITY", position, starts, WINDOW.toDays(),
					scope, places, lowFee, meanDays, ended.count(), daysPerStart, horizon));
		}
		if (starts == 0) {
			return new PredictedStart(entry.getId(), null, null,
					Basis.none("NO_RECENT_STARTS", position, 0, scope, capacity, lowFee, horizon));
		}
		double daysPerStart = (double) WINDOW.toDays() / starts;
		return dated(entry, today, position, daysPerStart, new Basis("OBSERVED_STARTS", position, starts,
				WINDOW.toDays(), scope, places, lowFee, null, 0, daysPerStart, horizon));
	}

	private static PredictedStart dated(QueueEntry entry, LocalDate today, long position, double daysPerStart,
			Basis basis) {
		double spread = Math.sqrt(position);
		long earliest = Math.round(Math.max(0, position - spread) * daysPerStart);
		if (earliest > basis.horizonDays()) {
			return new PredictedStart(entry.getId(), null, null, basis.withMethod("BEYOND_HORIZON"));
		}
		LocalDate from = today.plusDays(earliest);
		LocalDate to = today.plusDays(Math.round((position + spread) * daysPerStart));
		return new PredictedStart(entry.getId(), from, to, basis);
	}

	private static String scope(@Nullable String organizationId) {
		return (organizationId != null) ? "ORGANIZATION" : "NETWORK";
	}

}
