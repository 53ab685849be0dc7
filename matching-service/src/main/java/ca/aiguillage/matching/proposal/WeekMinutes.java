package ca.aiguillage.matching.proposal;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;

import ca.aiguillage.contracts.common.WeeklySlot;

/** Weekly ranges as minutes since Monday 00:00: comparing them allocates nothing. */
final class WeekMinutes {

	private static final int DAY = 24 * 60;

	private WeekMinutes() {
	}

	/** Start and end of each range, flattened. */
	static int[] of(List<WeeklySlot> slots) {
		int[] minutes = new int[slots.size() * 2];
		for (int i = 0; i < slots.size(); i++) {
			WeeklySlot slot = slots.get(i);
			int day = (slot.day().getValue() - 1) * DAY;
			minutes[2 * i] = day + slot.start().getHour() * 60 + slot.start().getMinute();
			minutes[2 * i + 1] = day + slot.end().getHour() * 60 + slot.end().getMinute();
		}
		return minutes;
	}

	/**
	 * The earliest start of the week at which both have {@code length} minutes, or -1.
	 */
	static int firstCommonStart(int[] wanted, int[] open, int length) {
		int first = -1;
		for (int i = 0; i < wanted.length; i += 2) {
			for (int j = 0; j < open.length; j += 2) {
				int from = Math.max(wanted[i], open[j]);
				int to = Math.min(wanted[i + 1], open[j + 1]);
				if (to - from >= length && (first < 0 || from < first)) {
					first = from;
				}
			}
		}
		return first;
	}

	static WeeklySlot slot(int start, int length) {
		DayOfWeek day = DayOfWeek.of(start / DAY + 1);
		int minute = start % DAY;
		LocalTime from = LocalTime.of(minute / 60, minute % 60);
		return new WeeklySlot(day, from, from.plusMinutes(length));
	}

}
