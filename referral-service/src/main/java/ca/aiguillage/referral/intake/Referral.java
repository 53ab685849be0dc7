package ca.aiguillage.referral.intake;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import ca.aiguillage.contracts.common.ContactChannel;
import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.common.SessionFee;
import ca.aiguillage.contracts.referral.InboundReferralV1;
import ca.aiguillage.contracts.referral.PossibleDuplicateFlaggedV1;
import ca.aiguillage.contracts.referral.PossibleDuplicateResolvedV1;
import ca.aiguillage.contracts.referral.ReferralLinkedToOpenV1;
import ca.aiguillage.contracts.referral.ReferralRedirectedV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.contracts.referral.ReferralWithdrawnV1;
import ca.aiguillage.platform.outbox.Aggregate;
import ca.aiguillage.platform.web.NotFoundException;
import ca.aiguillage.platform.privacy.BlindIndex;
import ca.aiguillage.platform.privacy.PersonalDataCipher;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A referral: the client's personal data, which stays in this document encrypted beside
 * keyed hashes of who the client is, the codes that match them, and the status the
 * referrer follows. Its events carry only ids, codes and matching attributes.
 * <p>
 * Over 300 lines for a reason: the aggregate keeps beside it the records only it stores
 * (request, personal data, identity, step), so that what is encrypted and what stays in
 * clear is decided in one file.
 */
@Document("referrals")
public class Referral extends Aggregate {

	private Instant receivedAt;

	private IntakeChannel intakeChannel;

	private @Nullable String partnerId;

	private ReferralStatus status;

	private Request request;

	// Null once erased: nothing of who the client was remains.
	private @Nullable String personalData;

	private @Nullable String nameAndBirthIndex;

	private @Nullable Instant erasedAt;

	private @Nullable String emailIndex;

	private @Nullable String phoneIndex;

	private @Nullable String requestFingerprint;

	private List<Step> timeline = new ArrayList<>();

	private @Nullable SessionFee fee;

	private @Nullable String linkedTo;

	private @Nullable String nameIndex;

	private @Nullable String birthIndex;

	// Linked to another referrer's referral: its referrer is answered as for a new one.
	private boolean linkHidden;

	private @Nullable PossibleDuplicate possibleDuplicate;

	// The codes ReferralLinkedToOpenV1 declares.
	private static final Set<String> LINK_CODES = Set.of("NAME_AND_DATE_OF_BIRTH", "PHONE", "EMAIL");

	@PersistenceCreator
	Referral(String id) {
		super(id);
	}

	/**
	 * Registers a validated referral: a referral at imminent risk is redirected to crisis
	 * resources and never reaches the waitlist; any other is announced.
	 */
	static Referral register(String id, InboundReferralV1 request, IntakeChannel channel, @Nullable String partnerId,
			@Nullable String requestFingerprint, Instant now, PersonalDataCipher cipher, Identity identity,
			@Nullable SessionFee fee, @Nullable OpenReferral duplicateOf) {
		Referral referral = new Referral(id);
		referral.receivedAt = now;
		referral.intakeChannel = channel;
		referral.partnerId = partnerId;
		referral.request = Request.of(request);
		referral.requestFingerprint = requestFingerprint;
		PersonalData personal = PersonalData.of(request);
		// Bound to the id: a ciphertext copied into another referral does not open.
		referral.personalData = cipher.seal(personal, id);
		referral.nameAndBirthIndex = identity.nameAndBirth();
		referral.emailIndex = identity.email();
		referral.phoneIndex = identity.phone();
		referral.nameIndex = identity.name();
		referral.birthIndex = identity.birth();
		referral.fee = fee;
		if (redirects(request)) {
			// Not a crisis service: a client at imminent risk must never sit in a
			// waitlist, duplicate or not. Coordinators and the referrer are told at once.
			referral.status = ReferralStatus.REDIRECTED;
			referral.timeline.add(new Step(ReferralStatus.REDIRECTED, now, null));
			referral.raise(new ReferralRedirectedV1(id, partnerId, request.targetOrganizationId(),
					request.client().preferredLanguage(), consentedChannels(request), now));
			return referral;
		}
		if (duplicateOf != null && duplicateOf.links()) {
			referral.status = ReferralStatus.LINKED;
			referral.linkedTo = duplicateOf.referralId();
			referral.linkHidden = !duplicateOf.sameReferrer(partnerId);
			referral.timeline.add(new Step(ReferralStatus.LINKED, now, null));
			referral.raise(new ReferralLinkedToOpenV1(id, duplicateOf.referralId(), partnerId,
					duplicateOf.matchedOn().stream().filter(LINK_CODES::contains).toList(), now));
			return referral;
		}
		referral.status = ReferralStatus.SUBMITTED;
		referral.timeline.add(new Step(ReferralStatus.SUBMITTED, now, null));
		referral.raise(referral.submitted(request));
		if (duplicateOf != null) {
			// Too weak to link, or the other never reached the queue: a coordinator
			// decides.
			referral.possibleDuplicate = new PossibleDuplicate(duplicateOf.referralId(), duplicateOf.matchedOn(),
					duplicateOf.partnerId());
			referral.raise(new PossibleDuplicateFlaggedV1(id, duplicateOf.referralId(), duplicateOf.matchedOn(), now));
		}
		return referral;
	}

	/**
	 * A coordinator found that this referral concerns the same person as the other: it is
	 * linked to it and leaves the queue.
	 * @param otherId the referral it was flagged against
	 * @param organizationId the coordinator's organization
	 * @param now the time
	 * @throws StateConflictException when the referral is no longer open
	 */
	public void linkToPossibleDuplicate(String otherId, String organizationId, Instant now) {
		PossibleDuplicate flagged = flaggedAgainst(otherId);
		if (!this.status.isOpen()) {
			throw new StateConflictException(this.status);
		}
		this.possibleDuplicate = null;
		this.status = ReferralStatus.LINKED;
		this.linkedTo = otherId;
		this.linkHidden = this.partnerId == null || !this.partnerId.equals(flagged.partnerId());
		this.timeline.add(new Step(ReferralStatus.LINKED, now, null));
		raise(new PossibleDuplicateResolvedV1(getId(), otherId, PossibleDuplicateResolvedV1.Resolution.LINKED,
				organizationId, now));
	}

	/**
	 * A coordinator found that this referral and the other concern two people: both carry
	 * on.
	 * @param otherId the referral it was flagged against
	 * @param organizationId the coordinator's organization
	 * @param now the time
	 */
	public void separateFromPossibleDuplicate(String otherId, String organizationId, Instant now) {
		flaggedAgainst(otherId);
		this.possibleDuplicate = null;
		raise(new PossibleDuplicateResolvedV1(getId(), otherId, PossibleDuplicateResolvedV1.Resolution.SEPARATE,
				organizationId, now));
	}

	private PossibleDuplicate flaggedAgainst(String otherId) {
		if (this.possibleDuplicate == null || !this.possibleDuplicate.referralId().equals(otherId)) {
			throw new NotFoundException("possible-duplicate");
		}
		return this.possibleDuplicate;
	}

	/**
	 * The open referral this one may duplicate, until a coordinator decides.
	 * @return the flag, or null
	 */
	public @Nullable PossibleDuplicate possibleDuplicate() {
		return this.possibleDuplicate;
	}

	/**
	 * The member organization holding the referral: the last one a proposal named, else
	 * the one it was sent to.
	 * @return the organization, or null while it is the network's
	 */
	public @Nullable String holdingOrganizationId() {
		for (int i = this.timeline.size() - 1; i >= 0; i--) {
			String organizationId = this.timeline.get(i).organizationId();
			if (organizationId != null) {
				return organizationId;
			}
		}
		return this.request.targetOrganizationId();
	}

	/**
	 * Whether the referrer is answered as for a new referral, its link to another
	 * referrer's referral unseen.
	 */
	boolean linkHidden() {
		return this.linkHidden;
	}

	/**
	 * An open referral this one may duplicate.
	 *
	 * @param referralId its id
	 * @param matchedOn which keyed hashes matched
	 * @param partnerId its referrer, or null
	 */
	public record PossibleDuplicate(String referralId, List<String> matchedOn, @Nullable String partnerId) {
	}

	/**
	 * Whether a referral goes to crisis resources instead of the waitlist.
	 */
	static boolean redirects(InboundReferralV1 request) {
		return Boolean.TRUE.equals(request.risk().imminentRisk());
	}

	/**
	 * Withdraws an open referral; every service closes it and a held place is released.
	 * @param by who withdrew it
	 * @param now the time
	 * @throws StateConflictException when the referral is no longer open
	 */
	public void withdraw(ReferralWithdrawnV1.WithdrawnBy by, Instant now) {
		if (!this.status.isOpen()) {
			throw new StateConflictException(this.status);
		}
		this.status = ReferralStatus.WITHDRAWN;
		this.timeline.add(new Step(ReferralStatus.WITHDRAWN, now, null));
		raise(new ReferralWithdrawnV1(getId(), this.partnerId, by, now));
	}

	public @Nullable SessionFee fee() {
		return this.fee;
	}

	/**
	 * The open referral this one was linked to, as a duplicate.
	 * @return its id, or null
	 */
	@Nullable String linkedTo() {
		return this.linkedTo;
	}

	/**
	 * Who the client is, as keyed hashes of their normalised name and date of birth,
	 * email and phone: what finds the same person again without decrypting anyone.
	 *
	 * @param nameAndBirth the hash of the names and date of birth
	 * @param email the hash of the email, or null
	 * @param phone the hash of the E.164 phone number, or null
	 */
	record Identity(String nameAndBirth, @Nullable String email, @Nullable String phone, @Nullable String name,
			@Nullable String birth) {

		static Identity of(InboundReferralV1 request, BlindIndex index) {
			InboundReferralV1.Client client = request.client();
			return new Identity(index.nameAndBirth(client.firstName(), client.lastName(), client.dateOfBirth()),
					(client.email() != null) ? index.email(client.email()) : null,
					(client.mobilePhone() != null) ? index.phone(client.mobilePhone()) : null,
					index.name(client.firstName(), client.lastName()), index.birth(client.dateOfBirth()));
		}

	}

	/**
	 * An open referral that may be the same person's.
	 *
	 * @param referralId its id
	 * @param matchedOn which keys matched: NAME_AND_DATE_OF_BIRTH, NAME, DATE_OF_BIRTH,
	 * PHONE, EMAIL
	 * @param partnerId its referrer, or null
	 * @param queued whether it reached the queue
	 */
	record OpenReferral(String referralId, List<String> matchedOn, @Nullable String partnerId, boolean queued) {

		/**
		 * Whether a new referral is linked to this one: only on strong identity (names
		 * and date of birth, or a phone or email confirmed by the name or the date of
		 * birth; families share phones) and only once it reached the queue (a referral
		 * stuck before it must not lock the person out).
		 */
		boolean links() {
			boolean contact = this.matchedOn.contains("PHONE") || this.matchedOn.contains("EMAIL");
			boolean person = this.matchedOn.contains("NAME") || this.matchedOn.contains("DATE_OF_BIRTH");
			return this.queued && (this.matchedOn.contains("NAME_AND_DATE_OF_BIRTH") || (contact && person));
		}

		boolean sameReferrer(@Nullable String partnerId) {
			return partnerId != null && partnerId.equals(this.partnerId);
		}

	}

	/** Whether it still stores who the client is (not erased). */
	boolean identified() {
		return this.nameAndBirthIndex != null;
	}

	Identity identity() {
		return new Identity(String.valueOf(this.nameAndBirthIndex), this.emailIndex, this.phoneIndex, this.nameIndex,
				this.birthIndex);
	}

	private ReferralSubmittedV1 submitted(InboundReferralV1 request) {
		InboundReferralV1.Client client = request.client();
		InboundReferralV1.Needs needs = request.needs();
		return new ReferralSubmittedV1(getId(), this.receivedAt, this.intakeChannel, this.partnerId,
				request.targetOrganizationId(), client.preferredLanguage(), client.languages(), needs.clientele(),
				needs.approaches(), Boolean.TRUE.equals(needs.approachRequired()), needs.modality(),
				needs.availability(), request.priority(), client.postalCode().substring(0, 3).toUpperCase(Locale.ROOT),
				consentedChannels(request), this.fee, needs.maxTravelKm());
	}

	private static List<ContactChannel> consentedChannels(InboundReferralV1 request) {
		InboundReferralV1.Consent consent = request.consent();
		List<ContactChannel> channels = new ArrayList<>();
		if (Boolean.TRUE.equals(consent.email()) && request.client().email() != null) {
			channels.add(ContactChannel.EMAIL);
		}
		if (Boolean.TRUE.equals(consent.sms()) && request.client().mobilePhone() != null) {
			channels.add(ContactChannel.SMS);
		}
		return channels;
	}

	public @Nullable String partnerId() {
		return this.partnerId;
	}

	public Instant receivedAt() {
		return this.receivedAt;
	}

	/**
	 * Follows what the other services did with this referral, so that the referrer is
	 * never left guessing. Steps are kept in the order they happened, whatever order
	 * their events arrive in.
	 */
	public void outcome(ReferralStatus status, Instant at, @Nullable String organizationId) {
		this.timeline.add(new Step(status, at, organizationId));
		this.timeline.sort(Comparator.comparing(Step::at));
		if (this.status == ReferralStatus.WITHDRAWN) {
			// Withdrawn here is final: a late outcome joins the timeline, not the status.
			return;
		}
		this.status = this.timeline.get(this.timeline.size() - 1).status();
	}

	List<Step> timeline() {
		return List.copyOf(this.timeline);
	}

	/**
	 * One step of a referral's life, without clinical detail.
	 *
	 * @param status the status reached
	 * @param at when
	 * @param organizationId the member organization concerned, when there is one
	 */
	public record Step(ReferralStatus status, Instant at, @Nullable String organizationId) {
	}

	public ReferralStatus status() {
		return this.status;
	}

	/**
	 * The SHA-256 of the request as submitted under an {@code Idempotency-Key}.
	 * @return the fingerprint, or null when no key came with the request
	 */
	@Nullable String requestFingerprint() {
		return this.requestFingerprint;
	}

	/**
	 * The request without the client's personal data.
	 * @return what may be read without decrypting
	 */
	public Request request() {
		return this.request;
	}

	/**
	 * Seals the personal data again with the active key version, after a rotation.
	 * @param cipher the cipher
	 * @return true when it was sealed with an earlier version and now is not
	 */
	boolean reseal(PersonalDataCipher cipher) {
		if (this.personalData == null || cipher.sealedWithActiveKey(this.personalData)) {
			return false;
		}
		this.personalData = cipher.seal(personalData(cipher), getId());
		return true;
	}

	/**
	 * Decrypts the client's personal data, for the few uses that need it.
	 * @param cipher the cipher holding the key it was encrypted with
	 * @return the personal data
	 */
	public PersonalData personalData(PersonalDataCipher cipher) {
		if (this.personalData == null) {
			throw new NotFoundException("referral");
		}
		return cipher.open(this.personalData, PersonalData.class, getId());
	}

	/**
	 * Erases what identifies the client of a referral closed long enough ago (Law 25),
	 * keeping the codes, statuses and dates that anonymised figures need.
	 * @param closedBefore a referral whose last step is older is erased
	 * @param now the time
	 * @return true when it was erased now
	 */
	boolean eraseIfClosedBefore(Instant closedBefore, Instant now) {
		if (this.erasedAt != null || this.status.isOpen() || this.timeline.isEmpty()
				|| !this.timeline.get(this.timeline.size() - 1).at().isBefore(closedBefore)) {
			return false;
		}
		this.personalData = null;
		this.nameAndBirthIndex = null;
		this.emailIndex = null;
		this.phoneIndex = null;
		this.nameIndex = null;
		this.birthIndex = null;
		this.requestFingerprint = null;
		this.possibleDuplicate = null;
		Request kept = this.request;
		// The partner's reference and the household's income point back to a person.
		this.request = new Request(null, kept.targetOrganizationId(), kept.preferredLanguage(), kept.languages(),
				kept.postalPrefix(), kept.consent(), new InboundReferralV1.Household(null, null), kept.needs(),
				kept.risk(), kept.priority());
		this.erasedAt = now;
		return true;
	}

	/**
	 * When the client's personal data was erased.
	 * @return the time, or null while it is kept
	 */
	public @Nullable Instant erasedAt() {
		return this.erasedAt;
	}

	/**
	 * The referral's steps, oldest first.
	 * @return the timeline
	 */
	public List<Step> steps() {
		return timeline();
	}

	/**
	 * What is stored in clear of a request: codes and matching attributes, no identity or
	 * clinical text.
	 *
	 * @param partnerReference the partner's reference, or null
	 * @param targetOrganizationId the organization referred to, or null for any
	 * @param preferredLanguage the language for messages
	 * @param languages the languages accepted for therapy
	 * @param postalPrefix the forward sortation area (first three characters)
	 * @param needs the needs without their free-text reason
	 * @param risk the risk screening
	 * @param priority the referrer's priority, or null
	 */
	public record Request(@Nullable String partnerReference, @Nullable String targetOrganizationId,
			String preferredLanguage, List<String> languages, String postalPrefix, InboundReferralV1.Consent consent,
			InboundReferralV1.Household household, InboundReferralV1.Needs needs, InboundReferralV1.Risk risk,
			@Nullable Priority priority) {

		static Request of(InboundReferralV1 request) {
			InboundReferralV1.Client client = request.client();
			InboundReferralV1.Needs needs = request.needs();
			return new Request(request.partnerReference(), request.targetOrganizationId(), client.preferredLanguage(),
					client.languages(), client.postalCode().substring(0, 3).toUpperCase(Locale.ROOT), request.consent(),
					request.household(),
					new InboundReferralV1.Needs(needs.clientele(), needs.approaches(), needs.approachRequired(),
							needs.modality(), needs.availability(), null, needs.maxTravelKm()),
					request.risk(), request.priority());
		}

	}

	/**
	 * The client's personal data, stored only encrypted.
	 *
	 * @param email email address, or null
	 * @param mobilePhone mobile phone number in E.164 form, or null
	 * @param postalCode full postal code
	 * @param reason reason for referral, clinical free text
	 */
	public record PersonalData(String firstName, String lastName, LocalDate dateOfBirth, @Nullable String email,
			@Nullable String mobilePhone, String postalCode, @Nullable String reason) {

		static PersonalData of(InboundReferralV1 request) {
			InboundReferralV1.Client client = request.client();
			return new PersonalData(client.firstName(), client.lastName(), client.dateOfBirth(), client.email(),
					client.mobilePhone(), client.postalCode(), request.needs().reason());
		}

	}

}
