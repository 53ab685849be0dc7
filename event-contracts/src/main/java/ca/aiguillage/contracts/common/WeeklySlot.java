package ca.aiguillage.contracts.common;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;

import org.jspecify.annotations.Nullable;

/**
 * A weekly time range, such as Tuesdays from 09:00 to 12:00, in Montreal time.
 *
 * @param day the day of the week
 * @param start the start time
 * @param end the end time, after the start
 */
public record WeeklySlot(DayOfWeek day, LocalTime start, LocalTime end) {

	/**
	 * The part of this range that lies inside another, if it lasts at least
	 * {@code length}.
	 * @param other another weekly range
	 * @param length the shortest useful overlap
	 * @return the first {@code length} of the overlap, or null when there is none that
	 * long
	 */
	public @Nullable WeeklySlot firstOverlap(WeeklySlot other, Duration length) {
		if (this.day != other.day) {
			return null;
		}
		LocalTime from = this.start.isAfter(other.start) ? this.start : other.start;
		LocalTime to = this.end.isBefore(other.end) ? this.end : other.end;
		if (Duration.between(from, to).compareTo(length) < 0) {
			return null;
		}
		return new WeeklySlot(this.day, from, from.plus(length));
	}

}
