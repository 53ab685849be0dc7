package ca.aiguillage.matching.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Two panels in one SVG: the distribution of waits (share started by day d) at 100 %
 * capacity, and the share started within 60 days across the capacity sweep.
 */
final class SvgChart {

	private static final String[] COLOURS = { "#d62728", "#1f77b4", "#ff7f0e", "#9467bd", "#2ca02c", "#8c564b",
			"#7f7f7f" };

	private static final int WIDTH = 1000;

	private static final int HEIGHT = 420;

	private static final int PANEL = 420;

	private static final int TOP = 50;

	private static final int PLOT = 300;

	private SvgChart() {
	}

	/**
	 * @param byVariant per variant (in legend order) one outcome per capacity level: the
	 * waits of one seed for the left panel, the share started within 60 days (a mean over
	 * seeds) for the right
	 */
	static String draw(java.util.Map<String, List<WaitlistSimulation.Outcome>> byVariant) {
		List<WaitlistSimulation.Outcome> outcomes = byVariant.values().stream().flatMap(List::stream).toList();
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
				WIDTH, HEIGHT));
		svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
		double full = outcomes.stream()
			.map(WaitlistSimulation.Outcome::capacity)
			.min((a, b) -> Double.compare(Math.abs(a - 1), Math.abs(b - 1)))
			.orElse(1.0);
		int x0 = 70;
		axes(svg, x0, "Started by day d (capacity " + Math.round(full * 100) + " %)", "days from registration", 0, 365);
		line(svg, x0 + PLOT * 60 / 365, TOP, x0 + PLOT * 60 / 365, TOP + PLOT, "#bbbbbb", true);
		int series = 0;
		for (var variant : byVariant.entrySet()) {
			WaitlistSimulation.Outcome outcome = variant.getValue()
				.stream()
				.filter(o -> o.capacity() == full)
				.findFirst()
				.orElse(null);
			if (outcome == null) {
				continue;
			}
			int[] waits = outcome.waits().clone();
			Arrays.sort(waits);
			StringBuilder points = new StringBuilder();
			for (int day = 0; day <= 365; day += 5) {
				int started = upperBound(waits, day);
				double share = (double) started / Math.max(1, outcome.arrivals());
				points.append(String.format(Locale.ROOT, "%d,%.1f ", x0 + PLOT * day / 365, TOP + PLOT - PLOT * share));
			}
			polyline(svg, points, COLOURS[series % COLOURS.length]);
			legend(svg, x0 + 10, TOP + 15 + 16 * series, variant.getKey(), COLOURS[series % COLOURS.length]);
			series++;
		}
		int x1 = x0 + PANEL + 80;
		double minCapacity = outcomes.stream().mapToDouble(WaitlistSimulation.Outcome::capacity).min().orElse(0.8);
		double maxCapacity = outcomes.stream().mapToDouble(WaitlistSimulation.Outcome::capacity).max().orElse(1.2);
		axes(svg, x1, "Started within 60 days, by capacity", "capacity (% of demand)",
				(int) Math.round(minCapacity * 100), (int) Math.round(maxCapacity * 100));
		series = 0;
		for (List<WaitlistSimulation.Outcome> variant : byVariant.values()) {
			StringBuilder points = new StringBuilder();
			for (WaitlistSimulation.Outcome outcome : variant) {
				double x = (outcome.capacity() - minCapacity) / Math.max(1e-9, maxCapacity - minCapacity);
				points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x1 + PLOT * x,
						TOP + PLOT - PLOT * outcome.withinTarget()));
			}
			polyline(svg, points, COLOURS[series % COLOURS.length]);
			series++;
		}
		svg.append("</svg>\n");
		return svg.toString();
	}

	private static int upperBound(int[] sorted, int value) {
		int count = 0;
		while (count < sorted.length && sorted[count] <= value) {
			count++;
		}
		return count;
	}

	private static void axes(StringBuilder svg, int x, String title, String xLabel, int from, int to) {
		svg.append(
				String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"14\">%s</text>%n", x, TOP - 20, title));
		line(svg, x, TOP, x, TOP + PLOT, "black", false);
		line(svg, x, TOP + PLOT, x + PLOT, TOP + PLOT, "black", false);
		for (int tick = 0; tick <= 4; tick++) {
			int y = TOP + PLOT - PLOT * tick / 4;
			svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d %%</text>%n", x - 5,
					y + 4, 25 * tick));
			line(svg, x, y, x + PLOT, y, "#eeeeee", false);
			int value = from + (to - from) * tick / 4;
			svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
					x + PLOT * tick / 4, TOP + PLOT + 16, value));
		}
		svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
				x + PLOT / 2, TOP + PLOT + 34, xLabel));
	}

	private static void line(StringBuilder svg, double x1, double y1, double x2, double y2, String colour,
			boolean dashed) {
		svg.append(
				String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>%n",
						x1, y1, x2, y2, colour, dashed ? " stroke-dasharray=\"4 3\"" : ""));
	}

	private static void polyline(StringBuilder svg, StringBuilder points, String colour) {
		svg.append(
				String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
						colour, points.toString().trim()));
	}

	private static void legend(StringBuilder svg, int x, int y, String label, String colour) {
		line(svg, x, y - 4, x + 18, y - 4, colour, false);
		svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x + 24, y, label));
	}

}
