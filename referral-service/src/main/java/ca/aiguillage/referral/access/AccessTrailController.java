package ca.aiguillage.referral.access;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;

import ca.aiguillage.platform.web.CsvCell;
import ca.aiguillage.platform.web.FieldViolation;
import ca.aiguillage.platform.web.InvalidRequestException;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The access trail's only way out: an administrator's CSV export for a date range. */
@RestController
@RequestMapping("/api/v1/access-trail")
class AccessTrailController {

	private static final ZoneId MONTREAL = ZoneId.of("America/Montreal");

	private static final String HEADER = "at,subject,roles,organization_id,partner_id,action,referral_id,purpose";

	private final AccessTrail trail;

	AccessTrailController(AccessTrail trail) {
		this.trail = trail;
	}

	/**
	 * Every access from the first day to the last, inclusive, in Montreal time.
	 * @param from the first day
	 * @param to the last day
	 * @return the CSV
	 */
	@GetMapping(produces = "text/csv")
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<String> export(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		if (to.isBefore(from)) {
			throw new InvalidRequestException(List.of(new FieldViolation("to", "invalid.range.endsBeforeStart")));
		}
		Instant start = from.atStartOfDay(MONTREAL).toInstant();
		Instant end = to.plusDays(1).atStartOfDay(MONTREAL).toInstant();
		String csv = this.trail.between(start, end)
			.stream()
			.map((record) -> line(record) + "\r\n")
			.collect(Collectors.joining("", HEADER + "\r\n", ""));
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"access-trail-" + from + "-to-" + to + ".csv\"")
			.body(csv);
	}

	private static String line(AccessRecord record) {
		return String.join(",", record.at().toString(), cell(record.subject()), cell(String.join(" ", record.roles())),
				cell(record.organizationId()), cell(record.partnerId()), record.action(), record.referralId(),
				record.purpose().name());
	}

	private static String cell(@Nullable String value) {
		// An absent value stays an empty cell, as the export always wrote it.
		return (value == null) ? "" : CsvCell.quoted(value);
	}

}
