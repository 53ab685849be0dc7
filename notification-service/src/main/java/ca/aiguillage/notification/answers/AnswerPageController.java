package ca.aiguillage.notification.answers;

import ca.aiguillage.notification.delivery.DestinationConfirmation;
import ca.aiguillage.notification.delivery.OpenQuestion;
import ca.aiguillage.notification.delivery.NotificationCase;
import ca.aiguillage.notification.templates.Templates;
import java.util.Locale;

import ca.aiguillage.contracts.notification.ClientAnsweredV1;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * The small bilingual page a client's link leads to: a question to answer, or a
 * self-referred client's address or number to confirm. Opening it changes nothing (mail
 * scanners open links); the client's button press does, once. A used, expired or tampered
 * link gets a page that says so.
 */
@RestController
class AnswerPageController {

	private final Answers answers;

	private final Templates templates;

	AnswerPageController(Answers answers, Templates templates) {
		this.answers = answers;
		this.templates = templates;
	}

	@GetMapping(path = "/r/{token}", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> show(@PathVariable String token,
			@RequestParam(name = "lang", required = false) @Nullable String lang) {
		Answers.View view = this.answers.view(token);
		if (view.confirmation() != null) {
			return confirmationPage(token, view, (lang != null) ? lang : view.language(), false);
		}
		return page(token, view, (lang != null) ? lang : view.language(), null);
	}

	@PostMapping(path = "/r/{token}", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> answer(@PathVariable String token, @RequestParam(required = false) @Nullable String answer,
			@RequestParam(required = false) @Nullable String confirm,
			@RequestParam(name = "lang", required = false) @Nullable String lang) {
		if (confirm != null) {
			Answers.View view = this.answers.confirm(token);
			return confirmationPage(token, view, (lang != null) ? lang : view.language(), true);
		}
		ClientAnsweredV1.Answer chosen = parse(answer);
		if (chosen == null) {
			Answers.View view = this.answers.view(token);
			return page(token, view, (lang != null) ? lang : view.language(), null);
		}
		Answers.View view = this.answers.answer(token, chosen);
		return page(token, view, (lang != null) ? lang : view.language(), chosen);
	}

	private ResponseEntity<String> page(String token, Answers.View view, String languageCode,
			ClientAnsweredV1.@Nullable Answer answered) {
		Templates.Language language = this.templates.language(languageCode);
		StringBuilder main = new StringBuilder();
		HttpStatus status = HttpStatus.OK;
		switch (view.outcome()) {
			case RECORDED -> {
				if (answered != null) {
					main.append(paragraph("done", language.text("page.done." + answered.name())));
				}
				else {
					main.append(form(token, view.question(), language));
				}
			}
			case ALREADY_USED -> {
				status = HttpStatus.CONFLICT;
				main.append(paragraph("used", language.text("page.used")));
			}
			case EXPIRED -> {
				status = HttpStatus.GONE;
				main.append(paragraph("expired", language.text("page.expired")));
			}
			case CLOSED -> {
				status = HttpStatus.CONFLICT;
				main.append(paragraph("closed", language.text("page.closed")));
			}
			case NOT_ALLOWED -> {
				status = HttpStatus.BAD_REQUEST;
				main.append(form(token, view.question(), language));
			}
			case UNKNOWN -> {
				status = HttpStatus.NOT_FOUND;
				main.append(paragraph("invalid", language.text("page.invalid")));
			}
		}
		return html(language, main.toString(), status);
	}

	/**
	 * A self-referred client's confirmation of an address or number: opening the page
	 * asks, the button confirms.
	 */
	private ResponseEntity<String> confirmationPage(String token, Answers.View view, String languageCode,
			boolean pressed) {
		Templates.Language language = this.templates.language(languageCode);
		DestinationConfirmation confirmation = view.confirmation();
		String channel = (confirmation != null) ? confirmation.channel().name() : "";
		return switch (view.outcome()) {
			case RECORDED -> html(language, pressed ? paragraph("done", language.text("page.confirm.done." + channel))
					: confirmForm(token, channel, language), HttpStatus.OK);
			case ALREADY_USED ->
				html(language, paragraph("used", language.text("page.confirm.used")), HttpStatus.CONFLICT);
			case EXPIRED ->
				html(language, paragraph("expired", language.text("page.confirm.expired")), HttpStatus.GONE);
			case CLOSED, NOT_ALLOWED, UNKNOWN ->
				html(language, paragraph("invalid", language.text("page.invalid")), HttpStatus.NOT_FOUND);
		};
	}

	private ResponseEntity<String> html(Templates.Language language, String main, HttpStatus status) {
		String other = language.code().equals("fr") ? "en" : "fr";
		String html = "<!DOCTYPE html><html lang=\"" + language.code() + "\"><head><meta charset=\"utf-8\">"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
				+ escape(language.text("page.title")) + "</title><style>"
				+ "body{font-family:system-ui,sans-serif;max-width:32em;margin:2em auto;padding:0 1em;line-height:1.5}"
				+ "button{display:block;width:100%;margin:.5em 0;padding:.8em;font-size:1.1em;border-radius:.4em;"
				+ "border:1px solid #245;background:#e8f0f8;cursor:pointer}.crisis{border-left:4px solid #b00;"
				+ "padding-left:.8em}</style></head><body><header><h1>" + escape(language.text("page.title"))
				+ "</h1><a id=\"other-language\" href=\"?lang=" + other + "\">"
				+ escape(language.text("page.other-language")) + "</a></header><main>" + main + "<p class=\"crisis\">"
				+ escape(language.text("page.crisis")) + "</p></main></body></html>";
		return ResponseEntity.status(status)
			.contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
			.header("Cache-Control", "no-store")
			.header("Referrer-Policy", "no-referrer")
			.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
			.body(html);
	}

	private static String form(String token, @Nullable OpenQuestion question, Templates.Language language) {
		if (question == null) {
			return paragraph("invalid", language.text("page.invalid"));
		}
		String key = (question.subject() == ClientAnsweredV1.Subject.PROPOSAL) ? "page.proposal.question"
				: (OpenQuestion.AVAILABILITY.equals(question.wording())) ? "page.availability-check.question"
						: "page.check-in.question";
		StringBuilder form = new StringBuilder(paragraph("question", language.text(key)));
		form.append(action(token, language));
		for (ClientAnsweredV1.Answer answer : NotificationCase.answersFor(question.subject())) {
			form.append("<button type=\"submit\" name=\"answer\" value=\"")
				.append(answer.name())
				.append("\" id=\"answer-")
				.append(answer.name().toLowerCase(Locale.ROOT))
				.append("\">")
				.append(escape(language.text("page.answer." + answer.name())))
				.append("</button>");
		}
		return form.append("</form>").toString();
	}

	private static String confirmForm(String token, String channel, Templates.Language language) {
		return paragraph("question", language.text("page.confirm.question." + channel)) + action(token, language)
				+ "<button type=\"submit\" name=\"confirm\" value=\"yes\" id=\"confirm\">"
				+ escape(language.text("page.confirm.button")) + "</button></form>";
	}

	private static String action(String token, Templates.Language language) {
		return "<form method=\"post\" action=\""
				+ escape(UriUtils.encodePathSegment(token, java.nio.charset.StandardCharsets.UTF_8)) + "?lang="
				+ language.code() + "\">";
	}

	private static String paragraph(String id, String text) {
		return "<p id=\"" + id + "\">" + escape(text) + "</p>";
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text, "UTF-8");
	}

	private static ClientAnsweredV1.@Nullable Answer parse(@Nullable String answer) {
		if (answer == null) {
			return null;
		}
		for (ClientAnsweredV1.Answer known : ClientAnsweredV1.Answer.values()) {
			if (known.name().equals(answer)) {
				return known;
			}
		}
		return null;
	}

}
