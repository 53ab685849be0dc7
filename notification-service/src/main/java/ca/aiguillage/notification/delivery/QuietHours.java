package ca.aiguillage.notification.delivery;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** No text message between 21:00 and 08:00 in Montreal: it waits for the morning. */
final class QuietHours {

	static final ZoneId MONTREAL = ZoneId.of("America/Montreal");

	static final LocalTime START = LocalTime.of(21, 0);

	static final LocalTime END = LocalTime.of(8, 0);

	private QuietHours() {
	}

	/**
	 * The next 08:00 in Montreal after {@code now}: when the coordinators' digest goes.
	 */
	static Instant nextMorning(Instant now) {
		ZonedDateTime morning = now.atZone(MONTREAL).with(END);
		return (morning.toInstant().isAfter(now) ? morning : morning.plusDays(1)).toInstant();
	}

	/** The first moment from {@code now} on when a text message may go. */
	static Instant nextAllowed(Instant now) {
		ZonedDateTime local = now.atZone(MONTREAL);
		LocalTime time = local.toLocalTime();
		if (!time.isBefore(END) && time.isBefore(START)) {
			return now;
		}
		ZonedDateTime morning = local.with(END);
		return (time.isBefore(END) ? morning : morning.plusDays(1)).toInstant();
	}

}
