package ca.aiguillage.waitlist.console;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ca.aiguillage.waitlist.insight.QueueLengths.DayLength;
import ca.aiguillage.waitlist.insight.QueueLengths.Series;
import org.jspecify.annotations.Nullable;

/**
 * The queue length over time as a server-drawn SVG: one line per organization, on a
 * shared scale, in colours at 3:1 contrast or better against white.
 *
 * @param width the drawing's width
 * @param height the drawing's height
 * @param top the largest length on the scale
 * @param from the first day, or null without a line
 * @param to the last day, or null without a line
 * @param lines one line per organization
 */
public record QueueLengthChart(int width, int height, int top, @Nullable LocalDate from, @Nullable LocalDate to,
		List<Line> lines) {

	static final int WIDTH = 640;

	static final int HEIGHT = 220;

	private static final int LEFT = 48;

	private static final int RIGHT = 16;

	private static final int TOP = 12;

	private static final int BOTTOM = 190;

	private static final String[] COLOURS = { "#0b4f8a", "#a33b00", "#2e6b30", "#6b2f8a", "#1a1a1a", "#8a0b4f" };

	/**
	 * One organization's line.
	 *
	 * @param points the polyline's points
	 * @param today the length today
	 * @param min the shortest length in the window
	 * @param max the longest length in the window
	 */
	public record Line(String organizationId, String colour, String points, int today, int min, int max) {
	}

	static QueueLengthChart of(List<Series> series) {
		int top = Math.max(1,
				series.stream().flatMap(one -> one.days().stream()).mapToInt(DayLength::length).max().orElse(0));
		List<Line> lines = new ArrayList<>();
		LocalDate from = null;
		LocalDate to = null;
		for (int index = 0; index < series.size(); index++) {
			List<DayLength> days = series.get(index).days();
			if (days.isEmpty()) {
				continue;
			}
			from = days.get(0).date();
			to = days.get(days.size() - 1).date();
			StringBuilder points = new StringBuilder();
			double step = (days.size() > 1) ? (double) (WIDTH - LEFT - RIGHT) / (days.size() - 1) : 0;
			for (int day = 0; day < days.size(); day++) {
				double x = LEFT + day * step;
				double y = BOTTOM - (double) days.get(day).length() * (BOTTOM - TOP) / top;
				points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
			}
			IntSummary summary = IntSummary.of(days);
			lines.add(new Line(series.get(index).organizationId(), COLOURS[index % COLOURS.length],
					points.toString().strip(), days.get(days.size() - 1).length(), summary.min(), summary.max()));
		}
		return new QueueLengthChart(WIDTH, HEIGHT, top, from, to, lines);
	}

	public int left() {
		return LEFT;
	}

	public int right() {
		return WIDTH - RIGHT;
	}

	public int topY() {
		return TOP;
	}

	public int bottomY() {
		return BOTTOM;
	}

	private record IntSummary(int min, int max) {

		static IntSummary of(List<DayLength> days) {
			int min = Integer.MAX_VALUE;
			int max = 0;
			for (DayLength day : days) {
				min = Math.min(min, day.length());
				max = Math.max(max, day.length());
			}
			return new IntSummary(min, max);
		}

	}

}
