package ca.aiguillage.waitlist.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ca.aiguillage.contracts.Topics;
import ca.aiguillage.platform.deadletters.DeadLetter;
import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.security.SignInPages;
import ca.aiguillage.platform.security.SignedInPeople;
import ca.aiguillage.waitlist.admin.NetworkDeadLetters.AlreadyHandled;
import ca.aiguillage.waitlist.admin.NetworkDeadLetters.FailedAgain;
import ca.aiguillage.waitlist.admin.NetworkDeadLetters.NotFound;
import ca.aiguillage.waitlist.admin.NetworkDeadLetters.ReplayedAll;
import ca.aiguillage.waitlist.admin.NetworkDeadLetters.Service;
import ca.aiguillage.waitlist.admin.NetworkDeadLetters.Unavailable;
import ca.aiguillage.waitlist.console.Words;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The administrators' dead-letter page: every service's dead letters in words, with
 * "replay", "replay all" and "discard" (a reason required), each done by the service that
 * holds the letter and recorded there.
 */
@Controller
@RequestMapping("/console/admin/dead-letters")
class DeadLetterPages {

	private static final int REASON_MAX = 500;

	private final NetworkDeadLetters letters;

	private final MessageSource messages;

	DeadLetterPages(NetworkDeadLetters letters, MessageSource messages) {
		this.letters = letters;
		this.messages = messages;
	}

	@GetMapping
	String page(@AuthenticationPrincipal OidcUser person,
			@RegisteredOAuth2AuthorizedClient(SignInPages.REGISTRATION) OAuth2AuthorizedClient client, Model model) {
		administrator(person);
		return render(person, client, model);
	}

	@PostMapping("/replay")
	String replay(@AuthenticationPrincipal OidcUser person,
			@RegisteredOAuth2AuthorizedClient(SignInPages.REGISTRATION) OAuth2AuthorizedClient client,
			@RequestParam Service service, @RequestParam String id, Model model) {
		Caller caller = administrator(person);
		act(model, () -> this.letters.replay(service, id, token(client), caller.subject()), "admin.dead.done.replay");
		return render(person, client, model);
	}

	@PostMapping("/replay-all")
	String replayAll(@AuthenticationPrincipal OidcUser person,
			@RegisteredOAuth2AuthorizedClient(SignInPages.REGISTRATION) OAuth2AuthorizedClient client,
			@RequestParam(required = false) @Nullable Service service, Model model) {
		Caller caller = administrator(person);
		ReplayedAll all = this.letters.replayAll(service, token(client), caller.subject());
		model.addAttribute("done", message("admin.dead.done.replayAll", all.replayed()));
		List<String> errors = new ArrayList<>();
		if (all.stillWaiting() > 0) {
			errors.add(message("admin.dead.error.stillWaiting", all.stillWaiting()));
		}
		if (!all.unavailable().isEmpty()) {
			errors.add(message("admin.dead.error.unavailableServices",
					String.join(", ", all.unavailable().stream().map(this::serviceName).toList())));
		}
		if (!errors.isEmpty()) {
			model.addAttribute("error", String.join(" ", errors));
		}
		return render(person, client, model);
	}

	@PostMapping("/discard")
	String discard(@AuthenticationPrincipal OidcUser person,
			@RegisteredOAuth2AuthorizedClient(SignInPages.REGISTRATION) OAuth2AuthorizedClient client,
			@RequestParam Service service, @RequestParam String id,
			@RequestParam(required = false) @Nullable String reason, Model model) {
		Caller caller = administrator(person);
		String given = (reason != null) ? reason.strip() : "";
		if (given.isEmpty() || given.length() > REASON_MAX) {
			model.addAttribute("reasonError", message("admin.dead.error.reason", REASON_MAX));
			model.addAttribute("reasonFor", id);
			model.addAttribute("reasonGiven", given);
			return render(person, client, model);
		}
		act(model, () -> this.letters.discard(service, id, given, token(client), caller.subject()),
				"admin.dead.done.discard");
		return render(person, client, model);
	}

	private void act(Model model, Runnable action, String done) {
		try {
			action.run();
			model.addAttribute("done", message(done));
		}
		catch (NotFound ex) {
			model.addAttribute("error", message("admin.dead.error.notFound"));
		}
		catch (AlreadyHandled ex) {
			model.addAttribute("error", message("admin.dead.error.handled"));
		}
		catch (FailedAgain ex) {
			model.addAttribute("error", message("admin.dead.error.failedAgain"));
		}
		catch (Unavailable ex) {
			model.addAttribute("error", message("admin.dead.error.unavailable"));
		}
	}

	private String render(OidcUser person, OAuth2AuthorizedClient client, Model model) {
		Words words = Words.of(LocaleContextHolder.getLocale(), this.messages);
		List<ShelfView> shelves = this.letters.shelves(token(client))
			.stream()
			.map(shelf -> new ShelfView(shelf.service(), serviceName(shelf.service()), shelf.letters() != null,
					(shelf.letters() != null) ? shelf.letters().stream().map(letter -> line(letter, words)).toList()
							: List.of(),
					shelf.waiting().size()))
			.toList();
		model.addAttribute("shelves", shelves);
		model.addAttribute("waiting", shelves.stream().mapToInt(ShelfView::waiting).sum());
		model.addAttribute("person", person.getSubject());
		model.addAttribute("administrator", true);
		return "waitlist/dead-letters";
	}

	private Line line(DeadLetter letter, Words words) {
		String cause = letter.cause();
		// Given up at once means its consumer could never apply it, such as a malformed
		// event.
		String kind = (Integer.valueOf(1).equals(letter.attempts())) ? "malformed"
				: (cause != null) ? "failed" : "unknown";
		String detail = (cause != null && cause.contains(": ")) ? cause.substring(cause.indexOf(": ") + 2) : null;
		String done = null;
		if (letter.action() != null) {
			done = message("admin.dead.action." + letter.action().kind().name(), letter.action().by(),
					words.when(letter.action().at()),
					(letter.action().reason() != null) ? letter.action().reason() : "");
		}
		return new Line(letter.id(), topic(letter.originalTopic()), message("admin.dead.cause." + kind), detail,
				words.when(letter.deadLetteredAt()), (letter.attempts() != null)
						? message("admin.dead.attempts", letter.attempts()) : message("admin.dead.attempts.unknown"),
				done);
	}

	/** A topic as people call what it carries: "événements des dossiers reçus". */
	private String topic(@Nullable String topic) {
		if (topic == null) {
			return message("admin.dead.topic.unknown");
		}
		return Topics.partnerOfInbound(topic)
			.map(partner -> message("admin.dead.topic.inbound.partner", partner))
			.orElseGet(() -> this.messages.getMessage("admin.dead.topic." + topic, null, topic,
					LocaleContextHolder.getLocale()));
	}

	private String serviceName(Service service) {
		return message("admin.service." + service.name());
	}

	private static Caller administrator(OidcUser person) {
		Caller caller = SignedInPeople.caller(person);
		if (!caller.isAdmin()) {
			throw new AccessDeniedException("the dead letters are for administrators");
		}
		return caller;
	}

	private static String token(OAuth2AuthorizedClient client) {
		return client.getAccessToken().getTokenValue();
	}

	private String message(String code, Object... args) {
		Locale locale = LocaleContextHolder.getLocale();
		return this.messages.getMessage(code, args, code, locale);
	}

	/**
	 * One service's part of the page.
	 *
	 * @param service the service, as the forms name it
	 * @param name its name in words
	 * @param answered whether it answered
	 * @param lines its dead letters in words
	 * @param waiting how many nobody acted on yet
	 */
	record ShelfView(Service service, String name, boolean answered, List<Line> lines, int waiting) {
	}

	/**
	 * One dead letter in words.
	 *
	 * @param id its id, as the forms send it back
	 * @param topic what its topic carries
	 * @param cause why its consumer gave up, in words
	 * @param detail the cause's technical message, if any
	 * @param when when it was dead-lettered, in Quebec time
	 * @param attempts how many times it was tried
	 * @param done what an administrator did with it, or null while it waits
	 */
	record Line(String id, String topic, String cause, @Nullable String detail, String when, String attempts,
			@Nullable String done) {
	}

}
