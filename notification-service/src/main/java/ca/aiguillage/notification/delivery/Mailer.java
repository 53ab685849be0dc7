package ca.aiguillage.notification.delivery;

import ca.aiguillage.notification.templates.EmailHtml;
import java.util.List;

import ca.aiguillage.notification.channels.EmailChannel;
import ca.aiguillage.notification.channels.Guards;
import ca.aiguillage.notification.channels.UnconfirmedSend;
import ca.aiguillage.notification.contacts.Masks;

import org.springframework.stereotype.Component;

/** One email, plain text and HTML, through the email channel's guard. */
@Component
class Mailer {

	private final EmailChannel email;

	private final Guards guards;

	Mailer(EmailChannel email, Guards guards) {
		this.email = email;
		this.guards = guards;
	}

	/** Sends and returns the masked address it went to. */
	String send(String address, String language, String subject, String body, String messageId,
			List<Guards.Attempt> attempts) {
		try {
			this.guards.call(EmailChannel.NAME, () -> {
				this.email.send(address, subject, body, EmailHtml.of(language, subject, body), messageId);
				return true;
			}, attempts);
		}
		catch (UnconfirmedSend ex) {
			throw ex.to(Masks.email(address));
		}
		return Masks.email(address);
	}

}
