package ca.aiguillage.referral.selfreferral;

import java.net.URI;
import java.util.Map;

import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.referral.InboundReferralV1;
import ca.aiguillage.referral.access.AccessTrail;
import ca.aiguillage.referral.intake.Intake;
import ca.aiguillage.referral.intake.Referral;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A client refers themself, with no account: the same validation and the same path as a
 * partner's referral. The page first fetches a CSRF token, then posts with it.
 */
@RestController
@RequestMapping(SelfReferralSecurity.PATH)
class SelfReferralController {

	private final Intake intake;

	private final AccessTrail trail;

	SelfReferralController(Intake intake, AccessTrail trail) {
		this.intake = intake;
		this.trail = trail;
	}

	@GetMapping("/csrf")
	Map<String, String> csrf(CsrfToken token) {
		return Map.of("headerName", token.getHeaderName(), "token", token.getToken());
	}

	// A wildcard or another content type gets 415, never a guess.
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<SelfReferralReceipt> submit(@RequestBody InboundReferralV1 request) {
		Referral referral = this.intake.submit(request, IntakeChannel.SELF_REFERRAL, null, null, null,
				(id) -> this.trail.recordSelfReferral(id));
		// The client gets a receipt, not a link to follow the referral: that comes by
		// email or SMS.
		return ResponseEntity.created(URI.create(SelfReferralSecurity.PATH + "/" + referral.getId()))
			.body(SelfReferralReceipt.of(referral));
	}

}
