package ca.aiguillage.referral.selfreferral;

import java.util.List;
import java.util.Locale;

import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.platform.web.FieldViolation;
import ca.aiguillage.referral.access.AccessTrail;
import ca.aiguillage.referral.form.FormChoices;
import ca.aiguillage.referral.form.FormErrors;
import ca.aiguillage.referral.form.FormSubmissions;
import ca.aiguillage.referral.form.ReferralForm;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The public self-referral form, in two steps: consent first, then the referral. Plain
 * HTML forms, no script needed; the same intake and the same rules as the API, with each
 * error beside its field.
 */
@Controller
@RequestMapping(SelfReferralPage.PATH)
class SelfReferralPage {

	static final String PATH = "/self-referral";

	private final FormSubmissions submissions;

	private final AccessTrail trail;

	private final MessageSource messages;

	private final SelfReferralBudgets budgets;

	SelfReferralPage(FormSubmissions submissions, AccessTrail trail, MessageSource messages,
			SelfReferralBudgets budgets) {
		this.submissions = submissions;
		this.trail = trail;
		this.messages = messages;
		this.budgets = budgets;
	}

	@ModelAttribute("choices")
	FormChoices choices() {
		return FormChoices.ALL;
	}

	@GetMapping
	String consent(Model model, Locale locale) {
		model.addAttribute("form", ReferralForm.blank());
		model.addAttribute("errors", FormErrors.none(this.messages, locale));
		return "self-referral/consent";
	}

	@PostMapping("/consent")
	String afterConsent(@ModelAttribute("form") ReferralForm form, Model model, Locale locale) {
		if (!Boolean.TRUE.equals(form.consent().sharing())) {
			model.addAttribute("errors", new FormErrors(
					List.of(new FieldViolation("consent.sharing", "consent.sharingRequired")), this.messages, locale));
			return "self-referral/consent";
		}
		model.addAttribute("errors", FormErrors.none(this.messages, locale));
		return "self-referral/form";
	}

	@PostMapping
	String submit(@ModelAttribute("form") ReferralForm form, Model model, Locale locale, HttpServletResponse response) {
		if (!Boolean.TRUE.equals(form.consent().sharing())) {
			return consent(model, locale);
		}
		FormSubmissions.Outcome outcome;
		try {
			outcome = this.submissions.submit(form, locale, IntakeChannel.SELF_REFERRAL, null,
					this.trail::recordSelfReferral, this.budgets::spend);
		}
		catch (SelfReferralBudgets.BudgetReachedException ex) {
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			String field = (ex.field() != null) ? ex.field() : "consent.sharing";
			model.addAttribute("errors",
					new FormErrors(List.of(new FieldViolation(field, "selfReferral.budget")), this.messages, locale));
			return "self-referral/form";
		}
		if (outcome.errors() != null) {
			model.addAttribute("errors", outcome.errors());
			return "self-referral/form";
		}
		model.addAttribute("receipt", SelfReferralReceipt.of(outcome.referral()));
		return "self-referral/received";
	}

}
