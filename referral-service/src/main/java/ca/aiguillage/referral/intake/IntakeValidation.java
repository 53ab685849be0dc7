package ca.aiguillage.referral.intake;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.referral.InboundReferralV1;
import ca.aiguillage.platform.events.EventSchemas;
import ca.aiguillage.platform.web.FieldChecks;
import ca.aiguillage.platform.web.FieldViolation;
import ca.aiguillage.referral.directory.MemberOrganizations;
import com.google.i18n.phonenumbers.NumberParseException;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The field rules of a referral, the same at every door (partner API, portal,
 * self-referral, inbound topic): the inbound event's JSON Schema (types, lengths,
 * identifier patterns) and the rules beyond it. Each violation names the field and a
 * message code; values are never echoed.
 */
@Component
class IntakeValidation {

	private static final ZoneId MONTREAL = ZoneId.of("America/Montreal");

	private static final Pattern POSTAL_CODE = Pattern
		.compile("^[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z] ?[0-9][ABCEGHJ-NPRSTV-Z][0-9]$", Pattern.CASE_INSENSITIVE);

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

	private static final int OLDEST_AGE = 120;

	// Absent and null are the same in the Java model: the schema sees absent fields.
	private static final JsonMapper WITHOUT_NULLS = JsonMapper.builder()
		.changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.build();

	private final Clock clock;

	private final EventSchemas schemas;

	private final MemberOrganizations organizations;

	IntakeValidation(Clock clock, EventSchemas schemas, MemberOrganizations organizations) {
		this.clock = clock;
		this.schemas = schemas;
		this.organizations = organizations;
	}

	List<FieldViolation> violations(InboundReferralV1 referral, IntakeChannel channel) {
		List<FieldViolation> violations = new ArrayList<>(rules(referral));
		if (channel == IntakeChannel.SELF_REFERRAL && referral.client() != null
				&& referral.client().mobilePhone() != null && !isCanadianNumber(referral.client().mobilePhone())
				&& violations.stream().noneMatch((violation) -> violation.field().equals("client.mobilePhone"))) {
			// A public form must not send texts abroad at the organization's cost.
			violations.add(new FieldViolation("client.mobilePhone", "invalid.phone.notCanadian"));
		}
		Set<String> named = violations.stream().map(FieldViolation::field).collect(Collectors.toSet());
		// What the event schema refuses is refused here too, once per field.
		this.schemas.violations(EventCatalog.INBOUND_REFERRAL_V1, WITHOUT_NULLS.valueToTree(referral))
			.stream()
			.map(violation -> new FieldViolation(violation.field().isEmpty() ? "(body)" : violation.field(),
					"schema." + violation.keyword()))
			.filter(violation -> named.add(violation.field()))
			.forEach(violations::add);
		// A well-formed id no coordinator works for would queue the client where no one
		// looks.
		if (referral.targetOrganizationId() != null && !named.contains("targetOrganizationId")
				&& !this.organizations.isMember(referral.targetOrganizationId())) {
			violations.add(new FieldViolation("targetOrganizationId", "invalid.organization.unknown"));
		}
		return violations;
	}

	private List<FieldViolation> rules(InboundReferralV1 referral) {
		FieldChecks check = new FieldChecks();
		check.required("client", referral.client());
		check.required("consent", referral.consent());
		check.required("household", referral.household());
		check.required("needs", referral.needs());
		check.required("risk", referral.risk());
		if (referral.client() != null) {
			client(referral.client(), check);
		}
		if (referral.consent() != null) {
			check.required("consent.sharing", referral.consent().sharing());
			check.required("consent.email", referral.consent().email());
			check.required("consent.sms", referral.consent().sms());
			check.rule("consent.sharing", !Boolean.FALSE.equals(referral.consent().sharing()),
					"consent.sharingRequired");
		}
		if (referral.household() != null) {
			household(referral.household(), check);
		}
		if (referral.needs() != null) {
			needs(referral.needs(), check);
		}
		if (referral.risk() != null) {
			check.required("risk.imminentRisk", referral.risk().imminentRisk());
		}
		return check.violations();
	}

	private void client(InboundReferralV1.Client client, FieldChecks check) {
		check.requiredText("client.firstName", client.firstName());
		check.requiredText("client.lastName", client.lastName());
		if (check.required("client.dateOfBirth", client.dateOfBirth())) {
			LocalDate today = LocalDate.now(this.clock.withZone(MONTREAL));
			check.rule("client.dateOfBirth", client.dateOfBirth().isBefore(today), "invalid.dateOfBirth.future");
			check.rule("client.dateOfBirth", client.dateOfBirth().isAfter(today.minusYears(OLDEST_AGE)),
					"invalid.dateOfBirth.tooOld");
		}
		if (check.requiredText("client.postalCode", client.postalCode())) {
			check.rule("client.postalCode", POSTAL_CODE.matcher(client.postalCode().strip()).matches(),
					"invalid.postalCode");
		}
		if (client.email() != null) {
			check.rule("client.email", EMAIL.matcher(client.email()).matches(), "invalid.email");
		}
		if (client.mobilePhone() != null) {
			check.rule("client.mobilePhone", isCanadianOrInternationalNumber(client.mobilePhone()), "invalid.phone");
		}
		if (check.requiredText("client.preferredLanguage", client.preferredLanguage())) {
			check.language("client.preferredLanguage", client.preferredLanguage());
		}
		if (check.required("client.languages", client.languages())) {
			check.rule("client.languages", !client.languages().isEmpty(), "required");
			for (int i = 0; i < client.languages().size(); i++) {
				check.language("client.languages[" + i + "]", client.languages().get(i));
			}
		}
	}

	private void household(InboundReferralV1.Household household, FieldChecks check) {
		if (check.required("household.annualIncome", household.annualIncome())) {
			check.rule("household.annualIncome", household.annualIncome() >= 0, "invalid.negative");
		}
		if (check.required("household.dependents", household.dependents())) {
			check.rule("household.dependents", household.dependents() >= 0, "invalid.negative");
		}
	}

	private void needs(InboundReferralV1.Needs needs, FieldChecks check) {
		check.required("needs.clientele", needs.clientele());
		check.required("needs.approaches", needs.approaches());
		check.required("needs.modality", needs.modality());
		if (Boolean.TRUE.equals(needs.approachRequired()) && needs.approaches() != null) {
			check.rule("needs.approaches", !needs.approaches().isEmpty(), "invalid.approachRequiredWithoutApproach");
		}
		if (check.required("needs.availability", needs.availability())) {
			check.rule("needs.availability", !needs.availability().isEmpty(), "required");
			check.weeklyAvailability("needs.availability", needs.availability());
		}
		if (needs.maxTravelKm() != null) {
			check.rule("needs.maxTravelKm", needs.maxTravelKm() >= 0, "invalid.negative");
			check.rule("needs.maxTravelKm", needs.maxTravelKm() <= 500, "invalid.travel.tooFar");
		}
	}

	private static boolean isCanadianNumber(String phone) {
		PhoneNumberUtil util = PhoneNumberUtil.getInstance();
		try {
			return util.isValidNumberForRegion(util.parse(phone, "CA"), "CA");
		}
		catch (NumberParseException ex) {
			return false;
		}
	}

	private static boolean isCanadianOrInternationalNumber(String phone) {
		PhoneNumberUtil util = PhoneNumberUtil.getInstance();
		try {
			return util.isValidNumber(util.parse(phone, "CA"));
		}
		catch (NumberParseException ex) {
			return false;
		}
	}

}
