package ca.aiguillage.referral.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.referral.InboundReferralV1;
import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.web.FieldViolation;
import ca.aiguillage.platform.web.InvalidRequestException;
import ca.aiguillage.referral.access.AccessTrail;
import ca.aiguillage.referral.access.Purpose;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The partner portal: a referring partner's staff send a referral with the same rules as
 * the API, and watch their referrals' statuses change without reloading.
 */
@Controller
@RequestMapping(PartnerPortal.PATH)
class PartnerPortal {

	static final String PATH = "/partner";

	private static final int PAGE_SIZE = 50;

	private final Intake intake;

	private final ReferralLists lists;

	private final AccessTrail trail;

	private final MessageSource messages;

	PartnerPortal(Intake intake, ReferralLists lists, AccessTrail trail, MessageSource messages) {
		this.intake = intake;
		this.lists = lists;
		this.trail = trail;
		this.messages = messages;
	}

	@ModelAttribute("choices")
	FormChoices choices() {
		return FormChoices.ALL;
	}

	@GetMapping
	String home() {
		return "redirect:" + PATH + "/referrals";
	}

	@GetMapping("/referrals")
	String referrals(@RequestParam(required = false) @Nullable String sent, Model model) {
		model.addAttribute("page", this.lists.visibleTo(Caller.current(), null, 0, PAGE_SIZE));
		model.addAttribute("sent", sent);
		return "partner/referrals";
	}

	/** The table's rows alone, which the page fetches again every few seconds. */
	@GetMapping("/referrals/rows")
	String rows(Model model) {
		model.addAttribute("page", this.lists.visibleTo(Caller.current(), null, 0, PAGE_SIZE));
		return "partner/referrals :: rows";
	}

	@GetMapping("/referrals/new")
	String newReferral(Model model, Locale locale) {
		ReferralForm form = new ReferralForm();
		form.getConsent().setSharing(true);
		model.addAttribute("form", form);
		model.addAttribute("errors", FormErrors.none(this.messages, locale));
		return "partner/form";
	}

	@PostMapping("/referrals")
	String submit(@ModelAttribute("form") ReferralForm form, Model model, Locale locale) {
		Caller caller = Caller.current();
		List<FieldViolation> violations = new ArrayList<>();
		InboundReferralV1 request = form.toRequest(violations);
		try {
			if (!violations.isEmpty()) {
				throw new InvalidRequestException(violations);
			}
			Referral referral = this.intake.submit(request, IntakeChannel.PARTNER_API, caller.partnerId(), null, null,
					(id) -> this.trail.record(caller, "CREATE", id, Purpose.INTAKE));
			return "redirect:" + PATH + "/referrals?sent=" + referral.getId() + "&lang=" + locale.getLanguage();
		}
		catch (InvalidRequestException ex) {
			List<FieldViolation> all = new ArrayList<>(violations);
			ex.violations().stream().filter(violation -> !all.contains(violation)).forEach(all::add);
			model.addAttribute("errors", new FormErrors(all, this.messages, locale));
			return "partner/form";
		}
	}

}
