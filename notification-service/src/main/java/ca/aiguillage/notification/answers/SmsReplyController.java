package ca.aiguillage.notification.answers;

import java.util.LinkedHashMap;
import java.util.Map;

import ca.aiguillage.notification.channels.ChannelSettings;
import ca.aiguillage.notification.channels.TwilioSignatures;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the SMS provider posts the client's replies (Twilio's inbound webhook, signed
 * with the account's auth token): STOP or ARRÊT unsubscribes, OUI or NON answers the open
 * proposal or check-in. The number is only ever hashed.
 */
@RestController
class SmsReplyController {

	private static final String EMPTY_REPLY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

	private final Answers answers;

	private final ChannelSettings settings;

	SmsReplyController(Answers answers, ChannelSettings settings) {
		this.answers = answers;
		this.settings = settings;
	}

	@PostMapping("/api/v1/sms/replies")
	ResponseEntity<String> reply(@RequestParam MultiValueMap<String, String> form, HttpServletRequest request) {
		Map<String, String> params = new LinkedHashMap<>();
		form.forEach((name, values) -> params.put(name, values.isEmpty() ? "" : values.get(0)));
		String url = (this.settings.sms().replyUrl() != null) ? this.settings.sms().replyUrl()
				: request.getRequestURL().toString();
		if (!TwilioSignatures.valid(this.settings.sms().authToken(), url, params,
				request.getHeader("X-Twilio-Signature"))) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
		}
		String from = params.get("From");
		String body = params.get("Body");
		if (from != null && body != null && !from.isBlank()) {
			this.answers.reply(from, body);
		}
		// Nothing in the answer tells whether the number is known.
		return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(EMPTY_REPLY);
	}

}
