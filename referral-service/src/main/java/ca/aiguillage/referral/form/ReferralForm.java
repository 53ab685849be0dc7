package ca.aiguillage.referral.form;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.referral.InboundReferralV1;
import ca.aiguillage.platform.web.FieldViolation;
import org.jspecify.annotations.Nullable;

/**
 * A referral as typed in a page's form, bound through its constructor: every field as
 * text, so that a wrong value comes back in the form beside its message. Field names are
 * the API's, so the same violations point at the same fields.
 *
 * @param client the client's identity and contact
 * @param consent what the client consented to
 * @param household the household, for the sliding-scale fee
 * @param needs what the client needs
 * @param risk the risk screening
 * @param priority the referrer's priority, as typed
 * @param partnerReference the partner's own reference
 * @param targetOrganizationId the organization referred to
 */
public record ReferralForm(Client client, Consent consent, Household household, Needs needs, Risk risk,
		@Nullable String priority, @Nullable String partnerReference, @Nullable String targetOrganizationId) {

	// What a page's form shows before anything is typed.
	public ReferralForm {
		client = (client != null) ? client : new Client(null, null, null, null, null, null, null, null);
		consent = (consent != null) ? consent : new Consent(null, null, null);
		household = (household != null) ? household : new Household(null, null);
		needs = (needs != null) ? needs : new Needs(null, null, null, null, null, null, null);
		risk = (risk != null) ? risk : new Risk(null);
	}

	/** An empty form. */
	public static ReferralForm blank() {
		return new ReferralForm(null, null, null, null, null, null, null, null);
	}

	/** An empty form where the client's consent to sharing is already given. */
	public static ReferralForm sharingConsented() {
		return new ReferralForm(null, new Consent(true, null, null), null, null, null, null, null, null);
	}

	/**
	 * The request the form describes; what does not even parse is left out and reported.
	 * @param violations receives the fields that did not parse
	 * @return the request, for intake's validation
	 */
	InboundReferralV1 toRequest(List<FieldViolation> violations) {
		InboundReferralV1.Client person = new InboundReferralV1.Client(blankToNull(this.client.firstName()),
				blankToNull(this.client.lastName()), date("client.dateOfBirth", this.client.dateOfBirth(), violations),
				blankToNull(this.client.email()), blankToNull(this.client.mobilePhone()),
				blankToNull(this.client.postalCode()), blankToNull(this.client.preferredLanguage()),
				this.client.languages());
		// A box left unticked is a no.
		InboundReferralV1.Consent consented = new InboundReferralV1.Consent(Boolean.TRUE.equals(this.consent.sharing()),
				Boolean.TRUE.equals(this.consent.email()), Boolean.TRUE.equals(this.consent.sms()));
		InboundReferralV1.Household home = new InboundReferralV1.Household(
				integer("household.annualIncome", this.household.annualIncome(), violations),
				integer("household.dependents", this.household.dependents(), violations));
		List<WeeklySlot> availability = new ArrayList<>();
		for (int i = 0; i < this.needs.availability().size(); i++) {
			WeeklySlot slot = this.needs.availability().get(i).toSlot("needs.availability[" + i + "]", violations);
			if (slot != null) {
				availability.add(slot);
			}
		}
		List<Approach> approaches = new ArrayList<>();
		for (String approach : this.needs.approaches()) {
			Approach parsed = constant(Approach.class, "needs.approaches", approach, violations);
			if (parsed != null) {
				approaches.add(parsed);
			}
		}
		InboundReferralV1.Needs needed = new InboundReferralV1.Needs(
				constant(Clientele.class, "needs.clientele", this.needs.clientele(), violations), approaches,
				Boolean.TRUE.equals(this.needs.approachRequired()),
				constant(Modality.class, "needs.modality", this.needs.modality(), violations), availability,
				blankToNull(this.needs.reason()), integer("needs.maxTravelKm", this.needs.maxTravelKm(), violations));
		InboundReferralV1.Risk screened = new InboundReferralV1.Risk((blankToNull(this.risk.imminentRisk()) == null)
				? null : Boolean.valueOf(this.risk.imminentRisk().strip()));
		return new InboundReferralV1(blankToNull(this.partnerReference), blankToNull(this.targetOrganizationId), person,
				consented, home, needed, screened, constant(Priority.class, "priority", this.priority, violations));
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static @Nullable LocalDate date(String field, @Nullable String value, List<FieldViolation> violations) {
		String typed = blankToNull(value);
		if (typed == null) {
			return null;
		}
		try {
			return LocalDate.parse(typed);
		}
		catch (DateTimeParseException ex) {
			violations.add(new FieldViolation(field, "invalid.type"));
			return null;
		}
	}

	private static @Nullable Integer integer(String field, @Nullable String value, List<FieldViolation> violations) {
		String typed = blankToNull(value);
		if (typed == null) {
			return null;
		}
		try {
			return Integer.valueOf(typed.replace(" ", "").replace("\u00a0", ""));
		}
		catch (NumberFormatException ex) {
			violations.add(new FieldViolation(field, "invalid.type"));
			return null;
		}
	}

	private static <E extends Enum<E>> @Nullable E constant(Class<E> type, String field, @Nullable String value,
			List<FieldViolation> violations) {
		String typed = blankToNull(value);
		if (typed == null) {
			return null;
		}
		try {
			return Enum.valueOf(type, typed.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			violations.add(new FieldViolation(field, "invalid.type"));
			return null;
		}
	}

	/**
	 * The client's identity and contact, as typed.
	 *
	 * @param dateOfBirth date of birth, ISO
	 * @param email email address
	 * @param mobilePhone mobile phone number
	 * @param preferredLanguage the language for messages, French unless chosen
	 * @param languages the languages accepted for therapy, French unless chosen
	 */
	public record Client(@Nullable String firstName, @Nullable String lastName, @Nullable String dateOfBirth,
			@Nullable String email, @Nullable String mobilePhone, @Nullable String postalCode,
			@Nullable String preferredLanguage, List<String> languages) {

		public Client {
			preferredLanguage = (preferredLanguage != null) ? preferredLanguage : "fr";
			languages = (languages != null) ? List.copyOf(languages) : List.of("fr");
		}

	}

	/**
	 * What the client consented to.
	 *
	 * @param sharing sharing the referral with the network
	 * @param email messages by email
	 * @param sms messages by SMS
	 */
	public record Consent(@Nullable Boolean sharing, @Nullable Boolean email, @Nullable Boolean sms) {
	}

	/**
	 * The household, for the sliding-scale fee.
	 *
	 * @param annualIncome annual income in dollars, as typed
	 * @param dependents number of dependents, as typed
	 */
	public record Household(@Nullable String annualIncome, @Nullable String dependents) {
	}

	/**
	 * What the client needs.
	 *
	 * @param clientele the clientele code
	 * @param approaches the approach codes
	 * @param approachRequired whether the approaches are required
	 * @param modality the modality code
	 * @param availability the availability rows, at least three shown
	 * @param reason the reason for referral, clinical free text
	 * @param maxTravelKm how far the client can travel, as typed
	 */
	public record Needs(@Nullable String clientele, List<String> approaches, @Nullable Boolean approachRequired,
			@Nullable String modality, List<Slot> availability, @Nullable String reason, @Nullable String maxTravelKm) {

		private static final int ROWS_SHOWN = 3;

		public Needs {
			approaches = (approaches != null) ? List.copyOf(approaches) : List.of();
			List<Slot> rows = new ArrayList<>((availability != null) ? availability : List.of());
			rows.replaceAll(row -> (row != null) ? row : Slot.BLANK);
			rows.addAll(Collections.nCopies(Math.max(0, ROWS_SHOWN - rows.size()), Slot.BLANK));
			availability = List.copyOf(rows);
		}

	}

	/**
	 * One availability row, as typed.
	 *
	 * @param day the day of the week
	 * @param start the start time
	 * @param end the end time
	 */
	public record Slot(@Nullable String day, @Nullable String start, @Nullable String end) {

		static final Slot BLANK = new Slot(null, null, null);

		/** The slot, or null when the row is blank or does not parse (then reported). */
		@Nullable WeeklySlot toSlot(String field, List<FieldViolation> violations) {
			String typedDay = blankToNull(this.day);
			String typedStart = blankToNull(this.start);
			String typedEnd = blankToNull(this.end);
			if (typedDay == null && typedStart == null && typedEnd == null) {
				return null;
			}
			if (typedDay == null || typedStart == null || typedEnd == null) {
				violations.add(new FieldViolation(field, "invalid.type"));
				return null;
			}
			try {
				return new WeeklySlot(DayOfWeek.valueOf(typedDay), LocalTime.parse(typedStart),
						LocalTime.parse(typedEnd));
			}
			catch (IllegalArgumentException | DateTimeParseException ex) {
				violations.add(new FieldViolation(field, "invalid.type"));
				return null;
			}
		}

	}

	/**
	 * The risk screening.
	 *
	 * @param imminentRisk "true" or "false", as chosen
	 */
	public record Risk(@Nullable String imminentRisk) {
	}

}
