package ca.aiguillage.waitlist.console;

import java.util.Locale;

import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.security.SignInPages;
import ca.aiguillage.platform.security.SignedInPeople;
import ca.aiguillage.platform.web.NotFoundException;
import ca.aiguillage.waitlist.queue.QueueView;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The possible duplicates of the coordinator's organization: a list, then both people
 * side by side, linked or separated in referral-service, which publishes the decision.
 */
@Controller
@RequestMapping("/console/duplicates")
class DuplicatesController {

	private final QueueView view;

	private final PossibleDuplicates duplicates;

	private final PageWords pageWords;

	private final MessageSource messages;

	DuplicatesController(QueueView view, PossibleDuplicates duplicates, PageWords pageWords, MessageSource messages) {
		this.view = view;
		this.duplicates = duplicates;
		this.pageWords = pageWords;
		this.messages = messages;
	}

	@GetMapping
	String list(@AuthenticationPrincipal OidcUser person,
			@RegisteredOAuth2AuthorizedClient(SignInPages.REGISTRATION) @Nullable OAuth2AuthorizedClient client,
			Model model) {
		model.addAttribute("words", this.pageWords.of(person, client));
		model.addAttribute("duplicates", this.view.possibleDuplicates(SignedInPeople.caller(person)));
		model.addAttribute("person", person.getSubject());
		return "waitlist/duplicates";
	}

	@GetMapping("/{referralId}")
	String compare(@AuthenticationPrincipal OidcUser person,
			@RegisteredOAuth2AuthorizedClient(SignInPages.REGISTRATION) @Nullable OAuth2AuthorizedClient client,
			@PathVariable String referralId, Model model) {
		QueueView.FlaggedDuplicate flagged = this.view.possibleDuplicate(referralId, SignedInPeople.caller(person));
		model.addAttribute("flagged", flagged);
		// Read for this page only: never kept, listed or logged here.
		model.addAttribute("comparison",
				(client != null) ? this.duplicates.compare(token(client), referralId).orElse(null) : null);
		return page(person, client, model);
	}

	@PostMapping("/{referralId}/{decision}")
	String decide(@AuthenticationPrincipal OidcUser person,
			@RegisteredOAuth2AuthorizedClient(SignInPages.REGISTRATION) @Nullable OAuth2AuthorizedClient client,
			@PathVariable String referralId, @PathVariable String decision, @RequestParam String otherReferralId,
			Model model) {
		if (!decision.equals("link") && !decision.equals("separate")) {
			throw new NotFoundException("decision");
		}
		Caller caller = SignedInPeople.caller(person);
		QueueView.FlaggedDuplicate flagged = this.view.possibleDuplicate(referralId, caller);
		boolean recorded = client != null && flagged.flag().otherReferralId().equals(otherReferralId)
				&& this.duplicates.resolve(token(client), referralId, otherReferralId, decision);
		if (recorded) {
			// The flag leaves the list once referral-service's event comes back.
			model.addAttribute("done", message("console.duplicate.done." + decision));
		}
		else {
			model.addAttribute("error", message("console.duplicate.failed"));
			model.addAttribute("flagged", flagged);
			model.addAttribute("comparison",
					(client != null) ? this.duplicates.compare(token(client), referralId).orElse(null) : null);
		}
		return page(person, client, model);
	}

	private String page(OidcUser person, @Nullable OAuth2AuthorizedClient client, Model model) {
		model.addAttribute("words", this.pageWords.of(person, client));
		model.addAttribute("person", person.getSubject());
		return "waitlist/duplicate";
	}

	private static String token(OAuth2AuthorizedClient client) {
		return client.getAccessToken().getTokenValue();
	}

	private String message(String code) {
		Locale locale = LocaleContextHolder.getLocale();
		return this.messages.getMessage(code, null, code, locale);
	}

}
