package ca.aiguillage.referral.intake;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;

import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.common.SessionFee;
import ca.aiguillage.contracts.referral.InboundReferralV1;
import ca.aiguillage.platform.outbox.Aggregates;
import ca.aiguillage.platform.outbox.Outcome;
import ca.aiguillage.platform.web.FieldViolation;
import ca.aiguillage.platform.web.InvalidRequestException;
import ca.aiguillage.referral.fee.FeeScales;
import ca.aiguillage.platform.privacy.BlindIndex;
import ca.aiguillage.platform.privacy.PersonalDataCipher;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * The one path every referral takes, whichever way it came in: validate, normalise, store
 * with its announcement in one write. Nothing is stored or published for an invalid
 * referral.
 */
@Service
public class Intake {

	private final IntakeValidation validation;

	private final Aggregates aggregates;

	private final Clock clock;

	private final PersonalDataCipher cipher;

	private final BlindIndex index;

	private final FeeScales fees;

	private final PersonClaims claims;

	Intake(IntakeValidation validation, Aggregates aggregates, Clock clock, PersonalDataCipher cipher, BlindIndex index,
			FeeScales fees, PersonClaims claims) {
		this.validation = validation;
		this.aggregates = aggregates;
		this.clock = clock;
		this.cipher = cipher;
		this.index = index;
		this.fees = fees;
		this.claims = claims;
	}

	/**
	 * What is wrong with a referral, field by field, without registering anything.
	 * @param request the referral as submitted
	 * @param channel how it came in (the public form accepts only Canadian numbers)
	 * @return the violations, empty when it can be registered
	 */
	public List<FieldViolation> check(InboundReferralV1 request, IntakeChannel channel) {
		return this.validation.violations(request, channel);
	}

	/**
	 * Registers a referral.
	 * @param request the referral as submitted
	 * @param channel how it came in
	 * @param partnerId the referring partner, or null for a self-referral
	 * @param deduplicationKey identifies this submission (such as the inbound event's
	 * source and id) so that a redelivery registers nothing new, or null to always
	 * register
	 * @param fingerprint the request's fingerprint, which a referral registered earlier
	 * under the same key must share, or null not to compare
	 * @return the registered referral, or the one registered earlier under the same key
	 * @throws InvalidRequestException when a field breaks a rule
	 * @throws IdempotencyConflictException when the referral registered earlier under the
	 * same key came from a different request
	 */
	public Referral submit(InboundReferralV1 request, IntakeChannel channel, @Nullable String partnerId,
			@Nullable String deduplicationKey, @Nullable String fingerprint, Consumer<String> recordAccess) {
		List<FieldViolation> violations = this.validation.violations(request, channel);
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		String id = (deduplicationKey != null)
				? UUID.nameUUIDFromBytes(deduplicationKey.getBytes(StandardCharsets.UTF_8)).toString()
				: UUID.randomUUID().toString();
		// A redelivery, or a concurrent submission under the same key, finds the referral
		// registered under that key.
		return this.aggregates.update(Referral.class, id, found -> {
			if (found.isPresent()) {
				return Outcome.unchanged(sameRequest(found.get(), fingerprint));
			}
			// The trail is written first: a crash may leave a record of an access that
			// did not happen, never the reverse.
			recordAccess.accept(id);
			InboundReferralV1 normalised = normalised(request);
			SessionFee fee = this.fees
				.feeFor(normalised.targetOrganizationId(), normalised.household().annualIncome(),
						normalised.household().dependents())
				.orElse(null);
			Referral.Identity identity = Referral.Identity.of(normalised, this.index);
			Referral.OpenReferral duplicateOf = Referral.redirects(normalised) ? null : this.claims.claim(identity, id);
			Referral referral = Referral.register(id, normalised, channel, partnerId, fingerprint, this.clock.instant(),
					this.cipher, identity, fee, duplicateOf);
			if (referral.status().isOpen()) {
				this.claims.remember(identity, id);
			}
			return Outcome.save(referral, referral);
		});
	}

	private static Referral sameRequest(Referral earlier, @Nullable String fingerprint) {
		if (fingerprint != null && !fingerprint.equals(earlier.requestFingerprint())) {
			throw new IdempotencyConflictException();
		}
		return earlier;
	}

	private static InboundReferralV1 normalised(InboundReferralV1 request) {
		InboundReferralV1.Client client = request.client();
		String postalCode = client.postalCode().strip().replace(" ", "").toUpperCase(Locale.ROOT);
		InboundReferralV1.Client normalisedClient = new InboundReferralV1.Client(client.firstName().strip(),
				client.lastName().strip(), client.dateOfBirth(),
				(client.email() != null) ? client.email().strip().toLowerCase(Locale.ROOT) : null,
				(client.mobilePhone() != null) ? e164(client.mobilePhone()) : null,
				postalCode.substring(0, 3) + " " + postalCode.substring(3), client.preferredLanguage(),
				client.languages());
		return new InboundReferralV1(request.partnerReference(), request.targetOrganizationId(), normalisedClient,
				request.consent(), request.household(), request.needs(), request.risk(), request.priority());
	}

	private static String e164(String phone) {
		PhoneNumberUtil util = PhoneNumberUtil.getInstance();
		try {
			return util.format(util.parse(phone, "CA"), PhoneNumberUtil.PhoneNumberFormat.E164);
		}
		catch (NumberParseException ex) {
			throw new IllegalStateException("validated phone number no longer parses", ex);
		}
	}

}
