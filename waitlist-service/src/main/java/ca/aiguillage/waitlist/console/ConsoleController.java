package ca.aiguillage.waitlist.console;

import java.util.List;
import java.util.Optional;
import java.util.Locale;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.waitlist.ReferralLeftQueueV1.Outcome;
import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.security.SignInPages;
import ca.aiguillage.platform.security.SignedInPeople;
import ca.aiguillage.platform.web.FieldViolation;
import ca.aiguillage.platform.web.InvalidRequestException;
import ca.aiguillage.platform.web.NotFoundException;
import ca.aiguillage.waitlist.actions.Decisions;
import ca.aiguillage.waitlist.insight.StartForecast;
import ca.aiguillage.waitlist.insight.WaitReport;
import ca.aiguillage.waitlist.insight.WaitsCsv;
import ca.aiguillage.waitlist.console.Directory.Candidate;
import ca.aiguillage.waitlist.queue.QueueEntries;
import ca.aiguillage.waitlist.queue.ActionNotAllowedException;
import ca.aiguillage.waitlist.queue.CoordinatorAction;
import ca.aiguillage.waitlist.queue.QueueStatus;
import ca.aiguillage.waitlist.queue.QueueView;
import ca.aiguillage.waitlist.queue.QueueView.QueueDetail;
import ca.aiguillage.waitlist.queue.RevisionConflictException;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The console's pages: the queue (refreshed live), one referral with its timeline, and
 * its action buttons. Every action goes through the same decisions as the API.
 */
@Controller
@RequestMapping("/console")
class ConsoleController {

	private final QueueView view;

	private final Decisions decisions;

	private final LiveQueue live;

	private final MessageSource messages;

	private final QueueEntries entries;

	private final StartForecast forecast;

	private final WaitReport waits;

	private final Directory directory;

	private final ClientIdentity identities;

	private final PageWords pageWords;

	ConsoleController(QueueView view, Decisions decisions, LiveQueue live, MessageSource messages, QueueEntries entries,
			StartForecast forecast, WaitReport waits, Directory directory, ClientIdentity identities,
			PageWords pageWords) {
		this.pageWords = pageWords;
		this.directory = directory;
		this.identities = identities;
		this.waits = waits;
		this.entries = entries;
		this.forecast = forecast;
		this.view = view;
		this.decisions = decisions;
		this.live = live;
		this.messages = messages;
	}

	/** Administrators' pages are linked from the header for administrators only. */
	@ModelAttribute("administrator")
	boolean administrator(@AuthenticationPrincipal @Nullable OidcUser person) {
		return person != null && SignedInPeople.caller(person).isAdmin();
	}

	@GetMapping
	String queue(@AuthenticationPrincipal OidcUser person,
			@RegisteredOAuth2AuthorizedClient(SignInPages.REGISTRATION) @Nullable OAuth2AuthorizedClient client,
			@RequestParam(required = false) @Nullable QueueStatus status,
			@RequestParam(required = false) @Nullable String language,
			@RequestParam(required = false) @Nullable Approach approach,
			@RequestParam(required = false) @Nullable Boolean atRisk, @RequestParam(defaultValue = "0") int page,
			Model model) {
		rows(person, client, status, language, approach, atRisk, page, model);
		model.addAttribute("statuses", QueueStatus.values());
		model.addAttribute("approaches", Approach.values());
		model.addAttribute("person", person.getSubject());
		return "waitlist/queue";
	}

	@GetMapping("/queue")
	String rows(@AuthenticationPrincipal OidcUser person,
			@RegisteredOAuth2AuthorizedClient(SignInPages.REGISTRATION) @Nullable OAuth2AuthorizedClient client,
			@RequestParam(required = false) @Nullable QueueStatus status,
			@RequestParam(required = false) @Nullable String language,
			@RequestParam(required = false) @Nullable Approach approach,
			@RequestParam(required = false) @Nullable Boolean atRisk, @RequestParam(defaultValue = "0") int page,
			Model model) {
		String chosenLanguage = (language == null || language.isBlank()) ? null : language.strip();
		QueueView.Filter filter = new QueueView.Filter((status != null) ? List.of(status) : List.of(), null,
				chosenLanguage, approach, null, null, null, null, atRisk, "daysWaited,desc", Math.max(page, 0), 50);
		model.addAttribute("page", this.view.page(filter, SignedInPeople.caller(person)));
		model.addAttribute("status", status);
		model.addAttribute("language", chosenLanguage);
		model.addAttribute("approach", approach);
		model.addAttribute("atRisk", Boolean.TRUE.equals(atRisk));
		model.addAttribute("words", words(person, client));
		return "waitlist/queue :: rows";
	}

	@GetMapping("/network")
	String network(@AuthenticationPrincipal OidcUser person,
			@RegisteredOAuth2AuthorizedClient(SignInPages.REGISTRATION) @Nullable OAuth2AuthorizedClient client,
			@RequestParam(defaultValue = "false") boolean inOurArea,
			@RequestParam(defaultValue = "false") boolean inOurLanguages,
			@RequestParam(required = false) @Nullable String language, @RequestParam(defaultValue = "0") int page,
			Model model) {
		Caller caller = SignedInPeople.caller(person);
		Directory.Organization ours = (client != null && caller.organizationId() != null)
				? this.directory.organization(token(client), caller.organizationId()).orElse(null) : null;
		String chosenLanguage = (language == null || language.isBlank()) ? null : language.strip();
		// Without the organization's area or languages from matching, the filter cannot
		// narrow anything: the page says so and shows the whole network queue.
		QueueView.NetworkFilter filter = new QueueView.NetworkFilter((inOurArea && ours != null) ? ours.area() : null,
				(inOurLanguages && ours != null) ? ours.spoken() : null, chosenLanguage);
		model.addAttribute("words", words(person, client));
		model.addAttribute("page", this.view.network(caller, filter, page, 50));
		model.addAttribute("ours", ours);
		model.addAttribute("ourOrganizationUnknown", caller.organizationId() != null && ours == null);
		model.addAttribute("inOurArea", inOurArea);
		model.addAttribute("inOurLanguages", inOurLanguages);
		model.addAttribute("language", chosenLanguage);
		model.addAttribute("person", person.getSubject());
		return "waitlist/network";
	}

	@GetMapping("/waits")
	String waits(@AuthenticationPrincipal OidcUser person,
			@RegisteredOAuth2AuthorizedClient(SignInPages.REGISTRATION) @Nullable OAuth2AuthorizedClient client,
			@RequestParam(defaultValue = "ORGANIZATION") WaitReport.GroupBy groupBy, Model model) {
		WaitReport.Report report = this.waits.report(groupBy, SignedInPeople.caller(person), null);
		model.addAttribute("words", words(person, client));
		model.addAttribute("report", report);
		model.addAttribute("queueLength", QueueLengthChart.of(report.queueLength()));
		model.addAttribute("groupings", WaitReport.GroupBy.values());
		model.addAttribute("person", person.getSubject());
		return "waitlist/waits";
	}

	/** The waits page's figures as a download, with its groups in words. */
	@GetMapping(path = "/waits/csv")
	ResponseEntity<String> waitsCsv(@AuthenticationPrincipal OidcUser person,
			@RegisteredOAuth2AuthorizedClient(SignInPages.REGISTRATION) @Nullable OAuth2AuthorizedClient client,
			@RequestParam(defaultValue = "ORGANIZATION") WaitReport.GroupBy groupBy) {
		WaitReport.Report report = this.waits.report(groupBy, SignedInPeople.caller(person), null);
		Words words = words(person, client);
		return WaitsCsv.download(report, this.messages, LocaleContextHolder.getLocale(),
				group -> words.group(groupBy, group));
	}

	@GetMapping(path = "/events", produces = "text/event-stream")
	SseEmitter events(@AuthenticationPrincipal OidcUser person) {
		return this.live.watch(SignedInPeople.caller(person));
	}

	@GetMapping("/referrals/{referralId}")
	String referral(@AuthenticationPrincipal OidcUser person,
			@RegisteredOAuth2AuthorizedClient(SignInPages.REGISTRATION) @Nullable OAuth2AuthorizedClient client,
			@PathVariable String referralId, Model model) {
		return referralPage(person, client, referralId, model);
	}

	@PostMapping("/referrals/{referralId}/{action}")
	String act(@AuthenticationPrincipal OidcUser person,
			@RegisteredOAuth2AuthorizedClient(SignInPages.REGISTRATION) @Nullable OAuth2AuthorizedClient client,
			@PathVariable String referralId, @PathVariable String action, @RequestParam long revision,
			@RequestParam(required = false) @Nullable String reason,
			@RequestParam(required = false) @Nullable String therapistId,
			@RequestParam(required = false) @Nullable Priority priority, Model model) {
		Caller caller = SignedInPeople.caller(person);
		String chosenReason = (reason == null || reason.isBlank()) ? null : reason;
		try {
			CoordinatorAction chosen = CoordinatorAction.ofPath(action)
				.orElseThrow(() -> new NotFoundException("action"));
			switch (chosen) {
				case CONFIRMATION -> this.decisions.confirm(referralId, caller, revision);
				case DECLINE -> this.decisions.decline(referralId, caller, revision, chosenReason);
				case OVERRIDE -> override(client, referralId, caller, revision, therapistId, chosenReason);
				case FIRST_SESSION -> this.decisions.firstSession(referralId, caller, revision, null);
				case END -> this.decisions.end(referralId, caller, revision, null);
				case REMATCH -> this.decisions.rematch(referralId, caller, revision, chosenReason);
				case PRIORITY -> this.decisions.reprioritise(referralId, caller, revision, priority, chosenReason);
				case UNREACHABLE ->
					this.decisions.leave(referralId, caller, revision, Outcome.UNREACHABLE, chosenReason);
				case INELIGIBLE -> this.decisions.leave(referralId, caller, revision, Outcome.INELIGIBLE, chosenReason);
				case REDIRECTED -> this.decisions.leave(referralId, caller, revision, Outcome.REDIRECTED, chosenReason);
				case TAKE -> this.decisions.take(referralId, caller, revision, null);
				case FOLLOW_UP -> this.decisions.followUp(referralId, caller, revision, chosenReason);
			}
			model.addAttribute("done", message("console.done." + action));
		}
		catch (ActionNotAllowedException ex) {
			model.addAttribute("error", message("console.error.state", message("action." + ex.action().path()),
					message("status." + ex.current().name())));
		}
		catch (RevisionConflictException ex) {
			model.addAttribute("error", message("console.error.revision"));
		}
		catch (InvalidRequestException ex) {
			model.addAttribute("error",
					message("console.error.fields") + " "
							+ ex.violations()
								.stream()
								.map(violation -> message("field." + violation.code()))
								.distinct()
								.reduce((a, b) -> a + " " + b)
								.orElse(""));
		}
		return referralPage(person, client, referralId, model);
	}

	/**
	 * Chooses a therapist from matching's candidates, with the constraints matching says
	 * the choice breaks; the decision still refuses one this service does not know in the
	 * referral's organization.
	 */
	private void override(@Nullable OAuth2AuthorizedClient client, String referralId, Caller caller, long revision,
			@Nullable String therapistId, @Nullable String reason) {
		Candidate chosen = ((client != null) ? this.directory.candidates(token(client), referralId)
				: Optional.<List<Candidate>>empty())
			.orElse(List.of())
			.stream()
			.filter(candidate -> candidate.therapistId().equals(therapistId))
			.findFirst()
			.orElseThrow(
					() -> new InvalidRequestException(List.of(new FieldViolation("therapistId", "invalid.therapist"))));
		this.decisions.override(referralId, caller, revision, chosen.therapistId(), chosen.broken(), reason);
	}

	private static String token(OAuth2AuthorizedClient client) {
		return client.getAccessToken().getTokenValue();
	}

	private String referralPage(OidcUser person, @Nullable OAuth2AuthorizedClient client, String referralId,
			Model model) {
		model.addAttribute("words", words(person, client));
		QueueDetail detail = this.view.detail(referralId, SignedInPeople.caller(person));
		if (client != null && detail.actions().contains(CoordinatorAction.OVERRIDE.path())) {
			model.addAttribute("candidates", this.directory.candidates(token(client), referralId).orElse(null));
		}
		if (client != null && detail.access() == QueueEntries.Access.HOLDER) {
			// Read for this page only: never kept, listed or logged here.
			model.addAttribute("identity", this.identities.of(token(client), referralId).orElse(null));
			model.addAttribute("identityAsked", true);
		}
		model.addAttribute("detail", detail);
		model.addAttribute("referral", detail.referral());
		model.addAttribute("actions", detail.actions());
		model.addAttribute("priorities", Priority.values());
		this.entries.find(referralId).ifPresent(entry -> model.addAttribute("forecast", this.forecast.forecast(entry)));
		model.addAttribute("person", person.getSubject());
		return "waitlist/referral";
	}

	private Words words(OidcUser person, @Nullable OAuth2AuthorizedClient client) {
		return this.pageWords.of(person, client);
	}

	private String message(String code, Object... args) {
		Locale locale = LocaleContextHolder.getLocale();
		return this.messages.getMessage(code, args, code, locale);
	}

}
