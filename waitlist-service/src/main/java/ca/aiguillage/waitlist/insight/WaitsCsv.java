package ca.aiguillage.waitlist.insight;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import ca.aiguillage.platform.web.CsvCell;
import ca.aiguillage.waitlist.insight.WaitReport.Report;

import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The wait report as a CSV download: the API's with the groups' codes, the console's with
 * the groups in words.
 */
public final class WaitsCsv {

	private WaitsCsv() {
	}

	/**
	 * The report as a CSV attachment, headers in the request's language.
	 * @param label what each group's key is written as
	 */
	public static ResponseEntity<String> download(Report report, MessageSource messages, Locale locale,
			UnaryOperator<String> label) {
		String lines = report.groups()
			.stream()
			.map(group -> String.join(",", CsvCell.quoted(label.apply(group.group())),
					Integer.toString(group.started()), share(group.withinTarget()), Long.toString(group.medianDays()),
					Long.toString(group.p90Days()), Integer.toString(group.delayedByClient()),
					share(group.withoutClientDelays().withinTarget()),
					Long.toString(group.withoutClientDelays().medianDays()),
					Long.toString(group.withoutClientDelays().p90Days())))
			.collect(Collectors.joining("\r\n"));
		String header = messages.getMessage("csv.waits.group." + report.groupBy().name(), null, locale) + ","
				+ messages.getMessage("csv.waits.columns", null, locale);
		String csv = header + "\r\n" + lines + (lines.isEmpty() ? "" : "\r\n");
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header("Content-Disposition", "attachment; filename=\"waits.csv\"")
			.body(csv);
	}

	private static String share(double share) {
		return String.format(Locale.ROOT, "%.3f", share);
	}

}
