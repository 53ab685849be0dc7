package ca.aiguillage.notification.templates;

import ca.aiguillage.platform.web.NotFoundException;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An administrator previews a template in a language, with sample facts. */
@RestController
class TemplatePreviewController {

	private final Templates templates;

	TemplatePreviewController(Templates templates) {
		this.templates = templates;
	}

	/**
	 * A template as its recipients would read it.
	 *
	 * @param language the language rendered (the default when the one asked has no texts)
	 * @param subject the subject line
	 * @param text the plain-text email body
	 * @param html the HTML email body
	 * @param sms the text message, empty when the audience gets none
	 * @param smsSegments how many SMS segments it takes
	 */
	record Preview(String template, String language, String subject, String text, String html, String sms,
			int smsSegments) {
	}

	@GetMapping("/api/v1/templates/{id}/preview")
	@PreAuthorize("hasRole('ADMIN')")
	Preview preview(@PathVariable String id, @RequestParam(name = "lang", required = false) @Nullable String lang) {
		RenderedMessage message = this.templates.preview(id, (lang == null || lang.isBlank()) ? "fr" : lang)
			.orElseThrow(() -> new NotFoundException("template"));
		return new Preview(id, message.language(), message.subject(), message.body(),
				message.body().isEmpty() ? "" : EmailHtml.of(message.language(), message.subject(), message.body()),
				message.sms(), message.sms().isEmpty() ? 0 : SmsSegments.count(message.sms()));
	}

}
