package ca.aiguillage.notification.channels;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/** Email through any SMTP server (Spring Mail's {@code spring.mail.*}). */
public final class EmailChannel {

	/** The name of its circuit breaker. */
	public static final String NAME = "email";

	private static final Pattern SMTP_REPLY = Pattern.compile("^\\s*([45]\\d\\d)[ -]");

	private final JavaMailSender mail;

	private final String from;

	public EmailChannel(JavaMailSender mail, String from) {
		this.mail = mail;
		this.from = from;
	}

	/**
	 * Sends one message, plain text and HTML.
	 * @param to the address
	 * @param text the plain-text body
	 * @param html the HTML body
	 * @param messageId a stable Message-ID, so that a resend is recognisable
	 * @throws ChannelFailure permanent when the server refuses the address (a 5xx)
	 */
	public void send(String to, String subject, String text, String html, String messageId) {
		try {
			MimeMessage message = this.mail.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
			helper.setFrom(this.from);
			helper.setTo(to);
			helper.setSubject(subject);
			helper.setText(text, html);
			message.saveChanges();
			message.setHeader("Message-ID", "<" + messageId + "@aiguillage>");
			this.mail.send(message);
		}
		catch (MessagingException ex) {
			throw new ChannelFailure(true, "INVALID_MESSAGE", ex);
		}
		catch (MailAuthenticationException ex) {
			throw new ChannelFailure(false, "SMTP_AUTHENTICATION", ex);
		}
		catch (MailSendException ex) {
			throw classify(ex);
		}
		catch (MailException ex) {
			throw new ChannelFailure(false, "SMTP_UNAVAILABLE", ex);
		}
	}

	private static ChannelFailure classify(MailSendException ex) {
		for (Exception failed : ex.getFailedMessages().values()) {
			for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
				Matcher reply = SMTP_REPLY.matcher(String.valueOf(cause.getMessage()));
				if (cause instanceof MessagingException && reply.find()) {
					// The server's own reply code about this message: 5xx is a bounce,
					// 4xx is worth another try.
					int code = Integer.parseInt(reply.group(1));
					return new ChannelFailure(code >= 500, "SMTP_" + code, ex);
				}
				if (cause instanceof SendFailedException refused && refused.getInvalidAddresses() != null
						&& refused.getInvalidAddresses().length > 0) {
					return new ChannelFailure(true, "SMTP_INVALID_ADDRESS", ex);
				}
			}
		}
		return new ChannelFailure(false, "SMTP_UNAVAILABLE", ex);
	}

}
