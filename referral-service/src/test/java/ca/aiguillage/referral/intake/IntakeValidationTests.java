package ca.aiguillage.referral.intake;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.referral.InboundReferralV1;
import ca.aiguillage.platform.events.EventSchemas;
import ca.aiguillage.platform.web.FieldViolation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IntakeValidationTests {

	private final IntakeValidation validation = new IntakeValidation(
			Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC), new EventSchemas(),
			(organizationId) -> true);

	@Test
	void thePublicFormAcceptsOnlyCanadianNumbersWhileAPartnerMayGiveAnyValidOne() {
		for (String abroad : List.of("+33 6 12 34 56 78", "+1 212 555 0123")) {
			InboundReferralV1 referral = referral(client("H2M 1K5", abroad, "fr"), slots());

			assertThat(this.validation.violations(referral, IntakeChannel.SELF_REFERRAL))
				.containsExactly(new FieldViolation("client.mobilePhone", "invalid.phone.notCanadian"));
			assertThat(this.validation.violations(referral, IntakeChannel.PARTNER_API)).isEmpty();
		}
		assertThat(this.validation.violations(referral(client("H2M 1K5", "+1 514 555 0142", "fr"), slots()),
				IntakeChannel.SELF_REFERRAL))
			.isEmpty();
	}

	@Test
	void completeReferralHasNoViolation() {
		assertThat(violations(referral(client("H2M 1K5", "+1 514 555 0142", "fr"), slots()))).isEmpty();
	}

	@Test
	void postalCodeInAWrongFormatIsRefused() {
		assertThat(violations(referral(client("12345", "+1 514 555 0142", "fr"), slots())))
			.containsExactly(new FieldViolation("client.postalCode", "invalid.postalCode"));
	}

	@Test
	void phoneNumberThatIsNotANumberIsRefused() {
		assertThat(violations(referral(client("H2M 1K5", "555-CALL-ME", "fr"), slots())))
			.containsExactly(new FieldViolation("client.mobilePhone", "invalid.phone"));
	}

	@Test
	void unknownLanguageCodeIsRefused() {
		assertThat(violations(referral(client("H2M 1K5", null, "xx"), slots()))).containsExactly(
				new FieldViolation("client.preferredLanguage", "invalid.language"),
				new FieldViolation("client.languages[0]", "invalid.language"));
	}

	@Test
	void rangeEndingBeforeItStartsIsRefused() {
		List<WeeklySlot> slots = List.of(new WeeklySlot(DayOfWeek.MONDAY, LocalTime.of(12, 0), LocalTime.of(9, 0)));

		assertThat(violations(referral(client("H2M 1K5", null, "fr"), slots)))
			.containsExactly(new FieldViolation("needs.availability[0]", "invalid.slot.endsBeforeStart"));
	}

	@Test
	void overlappingRangesOnOneDayAreRefused() {
		List<WeeklySlot> slots = List.of(new WeeklySlot(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 0)),
				new WeeklySlot(DayOfWeek.MONDAY, LocalTime.of(11, 0), LocalTime.of(13, 0)));

		assertThat(violations(referral(client("H2M 1K5", null, "fr"), slots)))
			.containsExactly(new FieldViolation("needs.availability[1]", "invalid.slot.overlaps"));
	}

	@Test
	void dateOfBirthInTheFutureIsRefused() {
		InboundReferralV1.Client client = new InboundReferralV1.Client("Marie", "Tremblay", LocalDate.of(2030, 1, 1),
				null, null, "H2M 1K5", "fr", List.of("fr"));

		assertThat(violations(referral(client, slots())))
			.containsExactly(new FieldViolation("client.dateOfBirth", "invalid.dateOfBirth.future"));
	}

	@Test
	void missingSectionsAreEachNamed() {
		InboundReferralV1 empty = new InboundReferralV1(null, null, null, null, null, null, null, null);

		assertThat(violations(empty)).extracting(FieldViolation::field)
			.containsExactly("client", "consent", "household", "needs", "risk");
	}

	private static List<WeeklySlot> slots() {
		return List.of(new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(12, 0)));
	}

	private static InboundReferralV1.Client client(String postalCode, String phone, String language) {
		return new InboundReferralV1.Client("Marie", "Tremblay", LocalDate.of(1991, 4, 12), "marie@example.org", phone,
				postalCode, language, List.of(language));
	}

	private static InboundReferralV1 referral(InboundReferralV1.Client client, List<WeeklySlot> slots) {
		return new InboundReferralV1(null, null, client, new InboundReferralV1.Consent(true, true, false),
				new InboundReferralV1.Household(24000, 1), new InboundReferralV1.Needs(Clientele.ADULT,
						List.of(Approach.COGNITIVE_BEHAVIOURAL), false, Modality.EITHER, slots, "text", null),
				new InboundReferralV1.Risk(false), null);
	}

	private List<FieldViolation> violations(InboundReferralV1 referral) {
		return this.validation.violations(referral, IntakeChannel.PARTNER_API);
	}

}
