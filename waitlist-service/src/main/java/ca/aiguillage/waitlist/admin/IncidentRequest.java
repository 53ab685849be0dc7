package ca.aiguillage.waitlist.admin;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import ca.aiguillage.platform.web.FieldViolation;
import ca.aiguillage.platform.web.InvalidRequestException;
import ca.aiguillage.waitlist.admin.Incident.Details;
import org.jspecify.annotations.Nullable;

/**
 * An incident as an administrator gives it, through the API or the console's form: times
 * in Quebec's local time, each field checked before anything is stored.
 *
 * @param noticedAt when it was noticed, Quebec local time ({@code 2026-12-03T08:05})
 * @param description what happened, without names (at most 4,000 characters)
 * @param informationKind the kind of personal information concerned (at most 500)
 * @param peopleConcerned how many people it concerns
 * @param seriousInjuryRisk whether it presents a risk of serious injury
 * @param riskReason why (at most 2,000 characters)
 * @param measures what was done (at most 4,000 characters)
 * @param commissionNotified whether the Commission d'accès à l'information was told
 * @param commissionNotifiedOn when, if it was
 * @param peopleNotified whether the people concerned were told
 * @param peopleNotifiedOn when, if they were
 */
record IncidentRequest(@Nullable LocalDateTime noticedAt, @Nullable String description,
		@Nullable String informationKind, @Nullable Integer peopleConcerned, @Nullable Boolean seriousInjuryRisk,
		@Nullable String riskReason, @Nullable String measures, @Nullable Boolean commissionNotified,
		@Nullable LocalDate commissionNotifiedOn, @Nullable Boolean peopleNotified,
		@Nullable LocalDate peopleNotifiedOn) {

	/** Quebec's time zone, in which people give times. */
	static final ZoneId QUEBEC = ZoneId.of("America/Toronto");

	static IncidentRequest of(Details details) {
		return new IncidentRequest(LocalDateTime.ofInstant(details.noticedAt(), QUEBEC), details.description(),
				details.informationKind(), details.peopleConcerned(), details.seriousInjuryRisk(), details.riskReason(),
				details.measures(), details.commissionNotifiedOn() != null, details.commissionNotifiedOn(),
				details.peopleNotifiedOn() != null, details.peopleNotifiedOn());
	}

	/**
	 * The details to store.
	 * @param clock today, which no date may pass
	 * @return the details
	 * @throws InvalidRequestException naming every field that is missing or wrong
	 */
	Details details(Clock clock) {
		List<FieldViolation> violations = new ArrayList<>();
		LocalDateTime now = LocalDateTime.now(clock.withZone(QUEBEC));
		if (this.noticedAt == null) {
			violations.add(new FieldViolation("noticedAt", "required"));
		}
		else if (this.noticedAt.isAfter(now)) {
			violations.add(new FieldViolation("noticedAt", "invalid.future"));
		}
		text(violations, "description", this.description, 4000);
		text(violations, "informationKind", this.informationKind, 500);
		if (this.peopleConcerned == null) {
			violations.add(new FieldViolation("peopleConcerned", "required"));
		}
		else if (this.peopleConcerned < 0) {
			violations.add(new FieldViolation("peopleConcerned", "invalid.negative"));
		}
		if (this.seriousInjuryRisk == null) {
			violations.add(new FieldViolation("seriousInjuryRisk", "required"));
		}
		text(violations, "riskReason", this.riskReason, 2000);
		text(violations, "measures", this.measures, 4000);
		notified(violations, "commissionNotified", this.commissionNotified, this.commissionNotifiedOn, now);
		notified(violations, "peopleNotified", this.peopleNotified, this.peopleNotifiedOn, now);
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		return new Details(this.noticedAt.atZone(QUEBEC).toInstant(), this.description.strip(),
				this.informationKind.strip(), this.peopleConcerned, this.seriousInjuryRisk, this.riskReason.strip(),
				this.measures.strip(), Boolean.TRUE.equals(this.commissionNotified) ? this.commissionNotifiedOn : null,
				Boolean.TRUE.equals(this.peopleNotified) ? this.peopleNotifiedOn : null);
	}

	private static void text(List<FieldViolation> violations, String field, @Nullable String value, int max) {
		if (value == null || value.isBlank()) {
			violations.add(new FieldViolation(field, "required"));
		}
		else if (value.strip().length() > max) {
			violations.add(new FieldViolation(field, "invalid.tooLong"));
		}
	}

	private static void notified(List<FieldViolation> violations, String field, @Nullable Boolean notified,
			@Nullable LocalDate on, LocalDateTime now) {
		if (notified == null) {
			violations.add(new FieldViolation(field, "required"));
		}
		else if (notified && on == null) {
			// A notice given is dated: the register must say when.
			violations.add(new FieldViolation(field + "On", "required"));
		}
		else if (notified && on.isAfter(now.toLocalDate())) {
			violations.add(new FieldViolation(field + "On", "invalid.future"));
		}
	}

}
