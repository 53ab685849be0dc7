package ca.aiguillage.referral.selfreferral;

import java.net.URI;
import java.util.Map;

import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.referral.InboundReferralV1;
import ca.aiguillage.referral.access.AccessTrail;
import ca.aiguillage.referral.intake.Intake;
import ca.aiguillage.referral.intake.Referral;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ExceptionHandler;
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

	private final SelfReferralBudgets budgets;

	private final SelfReferralSettings settings;

	private final MessageSource messages;

	SelfReferralController(Intake intake, AccessTrail trail, SelfReferralBudgets budgets, SelfReferralSettings settings,
			MessageSource messages) {
		this.intake = intake;
		this.trail = trail;
		this.budgets = budgets;
		this.settings = settings;
		this.messages = messages;
	}

	@GetMapping("/csrf")
	Map<String, String> csrf(CsrfToken token) {
		return Map.of("headerName", token.getHeaderName(), "token", token.getToken());
	}

	// A wildcard or another content type gets 415, never a guess.
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<SelfReferralReceipt> submit(@RequestBody InboundReferralV1 request) {
		// Only a referral that would be registered spends the budgets; an invalid one
		// gets
		// its 400.
		if (this.intake.check(request, IntakeChannel.SELF_REFERRAL).isEmpty()) {
			this.budgets.spend(request);
		}
		Referral referral = this.intake.submit(request, IntakeChannel.SELF_REFERRAL, null, null, null,
				(id) -> this.trail.recordSelfReferral(id));
		// The client gets a receipt, not a link to follow the referral: that comes by
		// email or SMS.
		return ResponseEntity.created(URI.create(SelfReferralSecurity.PATH + "/" + referral.getId()))
			.body(SelfReferralReceipt.of(referral));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> budgetReached(SelfReferralBudgets.BudgetReachedException ex) {
		String key = "problem.self-referral-budget";
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				this.messages.getMessage(key + ".detail", null, LocaleContextHolder.getLocale()));
		problem.setType(URI.create("urn:ca:aiguillage:problem:self-referral-budget"));
		problem.setTitle(this.messages.getMessage(key + ".title", null, LocaleContextHolder.getLocale()));
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(this.settings.period().toSeconds()))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

}
