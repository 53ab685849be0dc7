package ca.aiguillage.referral.api;

import java.net.URI;
import java.time.Clock;

import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.referral.InboundReferralV1;
import ca.aiguillage.contracts.referral.ReferralWithdrawnV1;
import ca.aiguillage.platform.outbox.Aggregates;
import ca.aiguillage.platform.outbox.Outcome;
import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.web.NotFoundException;
import ca.aiguillage.referral.access.AccessTrail;
import ca.aiguillage.referral.access.Purpose;
import ca.aiguillage.referral.intake.Intake;
import ca.aiguillage.referral.intake.PersonClaims;
import ca.aiguillage.referral.intake.Referral;
import ca.aiguillage.referral.intake.ReferralLists;
import ca.aiguillage.referral.intake.ReferralPage;
import ca.aiguillage.referral.intake.ReferralReceipt;
import ca.aiguillage.referral.intake.ReferralStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The partner API: submit a referral, follow its status. */
@RestController
@RequestMapping("/api/v1/referrals")
class ReferralController {

	private final Intake intake;

	private final Aggregates aggregates;

	private final AccessTrail trail;

	private final Clock clock;

	private final ReferralLists lists;

	private final PersonClaims claims;

	private final IntakeAdmission admission;

	ReferralController(Intake intake, Aggregates aggregates, AccessTrail trail, ReferralLists lists,
			PersonClaims claims, IntakeAdmission admission, Clock clock) {
		this.intake = intake;
		this.admission = admission;
		this.aggregates = aggregates;
		this.trail = trail;
		this.lists = lists;
		this.claims = claims;
		this.clock = clock;
	}

	// A wildcard or another content type gets 415, never a guess.
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAnyRole('PARTNER', 'ADMIN')")
	ResponseEntity<ReferralReceipt> submit(@RequestBody InboundReferralV1 request,
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable String idempotencyKey) {
		// The referring partner is the token's, never one the body names.
		Caller caller = Caller.current();
		@Nullable IdempotencyKey key = (idempotencyKey != null) ? IdempotencyKey.of(idempotencyKey, caller) : null;
		Referral referral = this.admission.admit(() -> this.intake.submit(request, IntakeChannel.PARTNER_API,
				caller.partnerId(), (key != null) ? key.deduplicationKey() : null,
				(key != null) ? IdempotencyKey.fingerprint(request) : null,
				(id) -> this.trail.record(caller, "CREATE", id, Purpose.INTAKE)));
		return ResponseEntity.created(URI.create("/api/v1/referrals/" + referral.getId()))
			.body(ReferralReceipt.of(referral));
	}

	/**
	 * The caller's own referrals, newest first: a partner's, an organization's for its
	 * coordinators, all for an administrator.
	 */
	@GetMapping
	@PreAuthorize("hasAnyRole('PARTNER', 'COORDINATOR', 'ADMIN')")
	ReferralPage list(@RequestParam(required = false) @Nullable ReferralStatus status,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		return this.lists.visibleTo(Caller.current(), status, page, size);
	}

	/**
	 * Withdraws a referral: the referrer (or an administrator) no longer wants it worked
	 * on. Every service reacts to the event and a held place is released.
	 */
	@PostMapping("/{id}/withdrawal")
	@PreAuthorize("hasAnyRole('PARTNER', 'ADMIN')")
	ReferralReceipt withdraw(@PathVariable String id) {
		Caller caller = Caller.current();
		ReferralWithdrawnV1.WithdrawnBy by = caller.isAdmin() ? ReferralWithdrawnV1.WithdrawnBy.ADMINISTRATOR
				: ReferralWithdrawnV1.WithdrawnBy.REFERRER;
		// Decided on the stored state, again if an outcome arrives meanwhile.
		Referral withdrawn = this.aggregates.update(Referral.class, id, found -> {
			Referral referral = found.filter(stored -> caller.isAdmin() || caller.isPartner(stored.partnerId()))
				.orElseThrow(() -> new NotFoundException("referral"));
			referral.withdraw(by, this.clock.instant());
			return Outcome.save(referral, referral);
		});
		this.claims.release(id);
		return ReferralReceipt.forCaller(withdrawn, caller);
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAnyRole('PARTNER', 'COORDINATOR', 'ADMIN')")
	ReferralReceipt status(@PathVariable String id) {
		Caller caller = Caller.current();
		// Another partner's or organization's referral reads exactly like an unknown id.
		return this.aggregates.find(Referral.class, id)
			.filter(referral -> caller.isAdmin() || caller.isPartner(referral.partnerId())
					|| caller.coordinates(referral.request().targetOrganizationId()))
			.map((referral) -> {
				this.trail.record(caller, "READ", referral.getId(), Purpose.FOLLOW_UP);
				return ReferralReceipt.forCaller(referral, caller);
			})
			.orElseThrow(() -> new NotFoundException("referral"));
	}

}
