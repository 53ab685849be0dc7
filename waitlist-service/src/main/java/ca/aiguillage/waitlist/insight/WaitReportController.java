package ca.aiguillage.waitlist.insight;

import java.util.function.UnaryOperator;

import ca.aiguillage.platform.security.Caller;
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
		// French unless the caller asks for English, like the console; groups stay codes
		// for
		// the systems that read it.
		return WaitsCsv.download(this.report.report(groupBy, Caller.current(), organizationId), this.messages,
				LocaleContextHolder.getLocale(), UnaryOperator.identity());
	}

}
