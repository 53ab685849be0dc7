package ca.aiguillage.waitlist.insight;

import java.util.Locale;
import java.util.stream.Collectors;

import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.web.CsvCell;
import ca.aiguillage.waitlist.insight.WaitReport.GroupBy;
import ca.aiguillage.waitlist.insight.WaitReport.Report;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The wait-time and equity report as JSON or CSV: a coordinator gets their
 * organization's, an administrator the network's.
 */
@RestController
@RequestMapping("/api/v1/insight/waits")
@PreAuthorize("hasAnyRole('ADMIN', 'COORDINATOR')")
class WaitReportController {

	private final WaitReport report;

	private final MessageSource messages;

	WaitReportController(WaitReport report, MessageSource messages) {
		this.report = report;
		this.messages = messages;
	}

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	Report json(@RequestParam(defaultValue = "ORGANIZATION") GroupBy groupBy,
			@RequestParam(required = false) @Nullable String organizationId) {
		return this.report.report(groupBy, Caller.current(), organizationId);
	}

	@GetMapping(produces = "text/csv")
	ResponseEntity<String> csv(@RequestParam(defaultValue = "ORGANIZATION") GroupBy groupBy,
			@RequestParam(required = false) @Nullable String organizationId) {
		Report report = this.report.report(groupBy, Caller.current(), organizationId);
		String lines = report.groups()
			.stream()
			.map(group -> String.join(",", quoted(group.group()), Integer.toString(group.started()),
					share(group.withinTarget()), Long.toString(group.medianDays()), Long.toString(group.p90Days()),
					Integer.toString(group.delayedByClient()), share(group.withoutClientDelays().withinTarget()),
					Long.toString(group.withoutClientDelays().medianDays()),
					Long.toString(group.withoutClientDelays().p90Days())))
			.collect(Collectors.joining("\r\n"));
		// French unless the caller asks for English, like the console.
		Locale locale = LocaleContextHolder.getLocale();
		String header = this.messages.getMessage("csv.waits.group." + groupBy.name(), null, locale) + ","
				+ this.messages.getMessage("csv.waits.columns", null, locale);
		String csv = header + "\r\n" + lines + (lines.isEmpty() ? "" : "\r\n");
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
			.header("Content-Disposition", "attachment; filename=\"waits.csv\"")
			.body(csv);
	}

	private static String share(double share) {
		return String.format(Locale.ROOT, "%.3f", share);
	}

	private static String quoted(String value) {
		return CsvCell.quoted(value);
	}

}
