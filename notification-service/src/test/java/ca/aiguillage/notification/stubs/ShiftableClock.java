package ca.aiguillage.notification.stubs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Real time, moved so that the tests start at noon in Montreal whatever the hour they run
 * at (quiet hours would hold text messages otherwise); a test may move it further.
 */
public final class ShiftableClock extends Clock {

	private static final ZoneId MONTREAL = ZoneId.of("America/Montreal");

	private volatile Duration offset;

	ShiftableClock() {
		ZonedDateTime now = ZonedDateTime.now(MONTREAL);
		this.offset = Duration.between(now, now.with(LocalTime.NOON));
	}

	/** Moves the clock to a time of today in Montreal. */
	public void setMontrealTime(LocalTime time) {
		ZonedDateTime now = ZonedDateTime.now(MONTREAL);
		this.offset = Duration.between(now, now.with(time));
	}

	/** Moves the clock forward. */
	public void advance(Duration duration) {
		this.offset = this.offset.plus(duration);
	}

	/** Back to noon. */
	public void reset() {
		setMontrealTime(LocalTime.NOON);
	}

	@Override
	public ZoneId getZone() {
		return ZoneId.of("UTC");
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(this.offset);
	}

}
