package ca.aiguillage.contracts.referral;

import java.time.LocalDate;
import java.util.List;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.common.WeeklySlot;
import org.jspecify.annotations.Nullable;

/**
 * A referral as a partner submits it, over HTTP ({@code POST /api/v1/referrals}) or as an
 * event on {@code referrals.inbound}. It is the only contract that carries personal data;
 * referral-service keeps that data and never republishes it.
 *
 * @param partnerReference the partner's own reference for this referral (its message key
 * on the inbound topic), or null
 * @param targetOrganizationId the member organization the partner refers to, or null for
 * any
 * @param client who the client is and how to reach them
 * @param consent what the client consented to
 * @param household household income and dependents, for the sliding-scale fee
 * @param needs what the client needs
 * @param risk the risk screening
 * @param priority the referrer's priority, or null
 */
public record InboundReferralV1(@Nullable String partnerReference, @Nullable String targetOrganizationId,
		@Nullable Client client, @Nullable Consent consent, @Nullable Household household, @Nullable Needs needs,
		@Nullable Risk risk, @Nullable Priority priority) implements InboundEvent {

	/** The CloudEvents type of an inbound referral. */
	public static final String TYPE = "ca.aiguillage.inbound.referral.v1";

	/**
	 * The client.
	 *
	 * @param firstName first name
	 * @param lastName last name
	 * @param dateOfBirth date of birth
	 * @param email email address, or null
	 * @param mobilePhone mobile phone number, or null
	 * @param postalCode Canadian postal code
	 * @param preferredLanguage ISO 639-1 code of the language for messages
	 * @param languages ISO 639-1 codes of the languages the client accepts for therapy
	 */
	public record Client(@Nullable String firstName, @Nullable String lastName, @Nullable LocalDate dateOfBirth,
			@Nullable String email, @Nullable String mobilePhone, @Nullable String postalCode,
			@Nullable String preferredLanguage, @Nullable List<String> languages) {
	}

	/**
	 * The client's consent, given per purpose.
	 *
	 * @param sharing sharing the referral with member organizations
	 * @param email being contacted by email
	 * @param sms being contacted by text message
	 */
	public record Consent(@Nullable Boolean sharing, @Nullable Boolean email, @Nullable Boolean sms) {
	}

	/**
	 * The household, for the sliding-scale fee.
	 *
	 * @param annualIncome annual household income in dollars
	 * @param dependents number of dependents
	 */
	public record Household(@Nullable Integer annualIncome, @Nullable Integer dependents) {
	}

	/**
	 * What the client needs.
	 *
	 * @param clientele who comes to therapy
	 * @param approaches wanted approaches, possibly empty
	 * @param approachRequired whether one of the approaches is clinically required
	 * @param modality in person, video or either
	 * @param availability weekly availability
	 * @param reason reason for referral, free text (clinical: it never leaves
	 * referral-service)
	 * @param maxTravelKm how far the client can travel to in-person therapy, or null to
	 * use the organizations' service areas
	 */
	public record Needs(@Nullable Clientele clientele, @Nullable List<Approach> approaches,
			@Nullable Boolean approachRequired, @Nullable Modality modality, @Nullable List<WeeklySlot> availability,
			@Nullable String reason, @Nullable Integer maxTravelKm) {
	}

	/**
	 * The risk screening.
	 *
	 * @param imminentRisk whether the referrer sees an imminent risk
	 */
	public record Risk(@Nullable Boolean imminentRisk) {
	}

}
