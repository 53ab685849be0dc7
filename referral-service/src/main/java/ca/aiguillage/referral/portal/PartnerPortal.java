package ca.aiguillage.referral.portal;

import java.util.Locale;

import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.platform.outbox.Aggregates;
import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.web.NotFoundException;
import ca.aiguillage.referral.access.AccessTrail;
import ca.aiguillage.referral.access.Purpose;
import ca.aiguillage.referral.form.FormChoices;
import ca.aiguillage.referral.form.FormErrors;
import ca.aiguillage.referral.form.FormSubmissions;
import ca.aiguillage.referral.form.ReferralForm;
import ca.aiguillage.referral.intake.Referral;
import ca.aiguillage.referral.intake.ReferralLists;
import ca.aiguillage.referral.intake.ReferralReceipt;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The partner portal: a referring partner's staff send a referral with the same rules as
 * the API, watch their referrals' statuses change without reloading, and open each one to
 * read its steps.
 */
@Controller
@RequestMapping(PartnerPortal.PATH)
class PartnerPortal {

	static final String PATH = "/partner";

	private static final int PAGE_SIZE = 50;

	private final FormSubmissions submissions;

	private final ReferralLists lists;

	private final AccessTrail trail;

	private final MessageSource messages;

	private final Aggregates aggregates;

	PartnerPortal(FormSubmissions submissions, ReferralLists lists, AccessTrail trail, MessageSource messages,
			Aggregates aggregates) {
		this.submissions = submissions;
		this.lists = lists;
		this.trail = trail;
		this.messages = messages;
		this.aggregates = aggregates;
	}

	@ModelAttribute("choices")
	FormChoices choices() {
		return FormChoices.ALL;
	}

	@ModelAttribute("time")
	QuebecTime time(Locale locale) {
		return new QuebecTime(locale);
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

	/** One of the partner's referrals with its steps; any other id reads as unknown. */
	@GetMapping("/referrals/{id}")
	String referral(@PathVariable String id, Model model) {
		Caller caller = Caller.current();
		Referral referral = this.aggregates.find(Referral.class, id)
			.filter(found -> caller.isPartner(found.partnerId()))
			.orElseThrow(() -> new NotFoundException("referral"));
		this.trail.record(caller, "READ", referral.getId(), Purpose.FOLLOW_UP);
		model.addAttribute("referral", ReferralReceipt.of(referral));
		return "partner/referral";
	}

	@GetMapping("/referrals/new")
	String newReferral(Model model, Locale locale) {
		model.addAttribute("form", ReferralForm.sharingConsented());
		model.addAttribute("errors", FormErrors.none(this.messages, locale));
		return "partner/form";
	}

	@PostMapping("/referrals")
	String submit(@ModelAttribute("form") ReferralForm form, Model model, Locale locale) {
		Caller caller = Caller.current();
		FormSubmissions.Outcome outcome = this.submissions.submit(form, locale, IntakeChannel.PARTNER_API,
				caller.partnerId(), (id) -> this.trail.record(caller, "CREATE", id, Purpose.INTAKE));
		if (outcome.errors() != null) {
			model.addAttribute("errors", outcome.errors());
			return "partner/form";
		}
		return "redirect:" + PATH + "/referrals?sent=" + outcome.referral().getId() + "&lang=" + locale.getLanguage();
	}

}
