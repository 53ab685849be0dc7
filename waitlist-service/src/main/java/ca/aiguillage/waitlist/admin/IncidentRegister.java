package ca.aiguillage.waitlist.admin;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import ca.aiguillage.platform.web.CsvCell;
import ca.aiguillage.waitlist.admin.Incident.Details;
import ca.aiguillage.waitlist.console.Words;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The register as a CSV file a spreadsheet opens: headers and words in the asked language
 * (French by default), times in Quebec time, every cell formula-safe.
 */
@Component
class IncidentRegister {

	private final Incidents incidents;

	private final MessageSource messages;

	IncidentRegister(Incidents incidents, MessageSource messages) {
		this.incidents = incidents;
		this.messages = messages;
	}

	String csv(Locale locale) {
		Words words = Words.of(locale, this.messages);
		String header = this.messages.getMessage("admin.incidents.csv.columns", null, locale);
		String lines = this.incidents.all().stream().map(incident -> {
			Details details = incident.details();
			return Stream.of(words.when(details.noticedAt()), details.description(), details.informationKind(),
					Integer.toString(details.peopleConcerned()), yesNo(details.seriousInjuryRisk(), locale),
					details.riskReason(), details.measures(), notified(details.commissionNotifiedOn(), words, locale),
					notified(details.peopleNotifiedOn(), words, locale), incident.recorded().by(),
					words.when(incident.recorded().at()), incident.lastChange().by(),
					words.when(incident.lastChange().at()))
				.map(CsvCell::quoted)
				.collect(Collectors.joining(","));
		}).collect(Collectors.joining("\r\n"));
		return header + "\r\n" + lines + (lines.isEmpty() ? "" : "\r\n");
	}

	private String yesNo(boolean yes, Locale locale) {
		return this.messages.getMessage(yes ? "admin.incidents.yes" : "admin.incidents.no", null, locale);
	}

	private String notified(@Nullable LocalDate on, Words words, Locale locale) {
		return (on != null) ? words.day(on) : yesNo(false, locale);
	}

	List<Incident> all() {
		return this.incidents.all();
	}

}
