package ca.aiguillage.referral.intake;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
 * A referral as typed in a page's form: every field as text, so that a wrong value comes
 * back in the form beside its message. Field names are the API's, so the same violations
 * point at the same fields.
 */
public class ReferralForm {

	private Client client = new Client();

	private Consent consent = new Consent();

	private Household household = new Household();

	private Needs needs = new Needs();

	private Risk risk = new Risk();

	private @Nullable String priority;

	private @Nullable String partnerReference;

	private @Nullable String targetOrganizationId;

	/**
	 * The request the form describes; what does not even parse is left out and reported.
	 * @param violations receives the fields that did not parse
	 * @return the request, for intake's validation
	 */
	InboundReferralV1 toRequest(List<FieldViolation> violations) {
		List<String> languages = (this.client.languages != null) ? this.client.languages : List.of();
		InboundReferralV1.Client client = new InboundReferralV1.Client(blankToNull(this.client.firstName),
				blankToNull(this.client.lastName), date("client.dateOfBirth", this.client.dateOfBirth, violations),
				blankToNull(this.client.email), blankToNull(this.client.mobilePhone),
				blankToNull(this.client.postalCode), blankToNull(this.client.preferredLanguage), languages);
		// A box left unticked is a no.
		InboundReferralV1.Consent consent = new InboundReferralV1.Consent(Boolean.TRUE.equals(this.consent.sharing),
				Boolean.TRUE.equals(this.consent.email), Boolean.TRUE.equals(this.consent.sms));
		InboundReferralV1.Household household = new InboundReferralV1.Household(
				integer("household.annualIncome", this.household.annualIncome, violations),
				integer("household.dependents", this.household.dependents, violations));
		List<WeeklySlot> availability = new ArrayList<>();
		for (int i = 0; i < this.needs.availability.size(); i++) {
			Slot slot = this.needs.availability.get(i);
			if (slot.isBlank()) {
				continue;
			}
			try {
				availability.add(new WeeklySlot(DayOfWeek.valueOf(slot.day), LocalTime.parse(slot.start),
						LocalTime.parse(slot.end)));
			}
			catch (RuntimeException ex) {
				violations.add(new FieldViolation("needs.availability[" + i + "]", "invalid.type"));
			}
		}
		List<Approach> approaches = new ArrayList<>();
		if (this.needs.approaches != null) {
			for (String approach : this.needs.approaches) {
				Approach parsed = constant(Approach.class, "needs.approaches", approach, violations);
				if (parsed != null) {
					approaches.add(parsed);
				}
			}
		}
		InboundReferralV1.Needs needs = new InboundReferralV1.Needs(
				constant(Clientele.class, "needs.clientele", this.needs.clientele, violations), approaches,
				Boolean.TRUE.equals(this.needs.approachRequired),
				constant(Modality.class, "needs.modality", this.needs.modality, violations), availability,
				blankToNull(this.needs.reason), integer("needs.maxTravelKm", this.needs.maxTravelKm, violations));
		InboundReferralV1.Risk risk = new InboundReferralV1.Risk(
				(this.risk.imminentRisk == null || this.risk.imminentRisk.isBlank()) ? null
						: Boolean.valueOf(this.risk.imminentRisk));
		return new InboundReferralV1(blankToNull(this.partnerReference), blankToNull(this.targetOrganizationId), client,
				consent, household, needs, risk, constant(Priority.class, "priority", this.priority, violations));
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static @Nullable LocalDate date(String field, @Nullable String value, List<FieldViolation> violations) {
		if (blankToNull(value) == null) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			violations.add(new FieldViolation(field, "invalid.type"));
			return null;
		}
	}

	private static @Nullable Integer integer(String field, @Nullable String value, List<FieldViolation> violations) {
		if (blankToNull(value) == null) {
			return null;
		}
		try {
			return Integer.valueOf(value.strip().replace(" ", "").replace("\u00a0", ""));
		}
		catch (NumberFormatException ex) {
			violations.add(new FieldViolation(field, "invalid.type"));
			return null;
		}
	}

	private static <E extends Enum<E>> @Nullable E constant(Class<E> type, String field, @Nullable String value,
			List<FieldViolation> violations) {
		if (blankToNull(value) == null) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			violations.add(new FieldViolation(field, "invalid.type"));
			return null;
		}
	}

	public Client getClient() {
		return this.client;
	}

	public void setClient(Client client) {
		this.client = client;
	}

	public Consent getConsent() {
		return this.consent;
	}

	public void setConsent(Consent consent) {
		this.consent = consent;
	}

	public Household getHousehold() {
		return this.household;
	}

	public void setHousehold(Household household) {
		this.household = household;
	}

	public Needs getNeeds() {
		return this.needs;
	}

	public void setNeeds(Needs needs) {
		this.needs = needs;
	}

	public Risk getRisk() {
		return this.risk;
	}

	public void setRisk(Risk risk) {
		this.risk = risk;
	}

	public @Nullable String getPriority() {
		return this.priority;
	}

	public void setPriority(@Nullable String priority) {
		this.priority = priority;
	}

	public @Nullable String getPartnerReference() {
		return this.partnerReference;
	}

	public void setPartnerReference(@Nullable String partnerReference) {
		this.partnerReference = partnerReference;
	}

	public @Nullable String getTargetOrganizationId() {
		return this.targetOrganizationId;
	}

	public void setTargetOrganizationId(@Nullable String targetOrganizationId) {
		this.targetOrganizationId = targetOrganizationId;
	}

	/** The client's identity and contact, as typed. */
	public static class Client {

		private @Nullable String firstName;

		private @Nullable String lastName;

		private @Nullable String dateOfBirth;

		private @Nullable String email;

		private @Nullable String mobilePhone;

		private @Nullable String postalCode;

		private @Nullable String preferredLanguage = "fr";

		private @Nullable List<String> languages = new ArrayList<>(List.of("fr"));

		public @Nullable String getFirstName() {
			return this.firstName;
		}

		public void setFirstName(@Nullable String firstName) {
			this.firstName = firstName;
		}

		public @Nullable String getLastName() {
			return this.lastName;
		}

		public void setLastName(@Nullable String lastName) {
			this.lastName = lastName;
		}

		public @Nullable String getDateOfBirth() {
			return this.dateOfBirth;
		}

		public void setDateOfBirth(@Nullable String dateOfBirth) {
			this.dateOfBirth = dateOfBirth;
		}

		public @Nullable String getEmail() {
			return this.email;
		}

		public void setEmail(@Nullable String email) {
			this.email = email;
		}

		public @Nullable String getMobilePhone() {
			return this.mobilePhone;
		}

		public void setMobilePhone(@Nullable String mobilePhone) {
			this.mobilePhone = mobilePhone;
		}

		public @Nullable String getPostalCode() {
			return this.postalCode;
		}

		public void setPostalCode(@Nullable String postalCode) {
			this.postalCode = postalCode;
		}

		public @Nullable String getPreferredLanguage() {
			return this.preferredLanguage;
		}

		public void setPreferredLanguage(@Nullable String preferredLanguage) {
			this.preferredLanguage = preferredLanguage;
		}

		public @Nullable List<String> getLanguages() {
			return this.languages;
		}

		public void setLanguages(@Nullable List<String> languages) {
			this.languages = languages;
		}

	}

	/** What the client consented to. */
	public static class Consent {

		private @Nullable Boolean sharing;

		private @Nullable Boolean email;

		private @Nullable Boolean sms;

		public @Nullable Boolean getSharing() {
			return this.sharing;
		}

		public void setSharing(@Nullable Boolean sharing) {
			this.sharing = sharing;
		}

		public @Nullable Boolean getEmail() {
			return this.email;
		}

		public void setEmail(@Nullable Boolean email) {
			this.email = email;
		}

		public @Nullable Boolean getSms() {
			return this.sms;
		}

		public void setSms(@Nullable Boolean sms) {
			this.sms = sms;
		}

	}

	/** The household, for the sliding-scale fee. */
	public static class Household {

		private @Nullable String annualIncome;

		private @Nullable String dependents;

		public @Nullable String getAnnualIncome() {
			return this.annualIncome;
		}

		public void setAnnualIncome(@Nullable String annualIncome) {
			this.annualIncome = annualIncome;
		}

		public @Nullable String getDependents() {
			return this.dependents;
		}

		public void setDependents(@Nullable String dependents) {
			this.dependents = dependents;
		}

	}

	/** What the client needs. */
	public static class Needs {

		private @Nullable String clientele;

		private @Nullable List<String> approaches = new ArrayList<>();

		private @Nullable Boolean approachRequired;

		private @Nullable String modality;

		private List<Slot> availability = new ArrayList<>(List.of(new Slot(), new Slot(), new Slot()));

		private @Nullable String reason;

		private @Nullable String maxTravelKm;

		public @Nullable String getClientele() {
			return this.clientele;
		}

		public void setClientele(@Nullable String clientele) {
			this.clientele = clientele;
		}

		public @Nullable List<String> getApproaches() {
			return this.approaches;
		}

		public void setApproaches(@Nullable List<String> approaches) {
			this.approaches = approaches;
		}

		public @Nullable Boolean getApproachRequired() {
			return this.approachRequired;
		}

		public void setApproachRequired(@Nullable Boolean approachRequired) {
			this.approachRequired = approachRequired;
		}

		public @Nullable String getModality() {
			return this.modality;
		}

		public void setModality(@Nullable String modality) {
			this.modality = modality;
		}

		public List<Slot> getAvailability() {
			return this.availability;
		}

		public void setAvailability(List<Slot> availability) {
			this.availability = availability;
		}

		public @Nullable String getReason() {
			return this.reason;
		}

		public void setReason(@Nullable String reason) {
			this.reason = reason;
		}

		public @Nullable String getMaxTravelKm() {
			return this.maxTravelKm;
		}

		public void setMaxTravelKm(@Nullable String maxTravelKm) {
			this.maxTravelKm = maxTravelKm;
		}

	}

	/** One availability row. */
	public static class Slot {

		private @Nullable String day;

		private @Nullable String start;

		private @Nullable String end;

		boolean isBlank() {
			return blankToNull(this.day) == null && blankToNull(this.start) == null && blankToNull(this.end) == null;
		}

		public @Nullable String getDay() {
			return this.day;
		}

		public void setDay(@Nullable String day) {
			this.day = day;
		}

		public @Nullable String getStart() {
			return this.start;
		}

		public void setStart(@Nullable String start) {
			this.start = start;
		}

		public @Nullable String getEnd() {
			return this.end;
		}

		public void setEnd(@Nullable String end) {
			this.end = end;
		}

	}

	/** The risk screening. */
	public static class Risk {

		private @Nullable String imminentRisk;

		public @Nullable String getImminentRisk() {
			return this.imminentRisk;
		}

		public void setImminentRisk(@Nullable String imminentRisk) {
			this.imminentRisk = imminentRisk;
		}

	}

}
