package ca.aiguillage.notification.channels;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.activation.FileTypeMap;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Email through any SMTP server (Spring Mail's {@code spring.mail.*}). Once a message's
 * data is out, the server may have taken it whatever happens next: its reply is awaited
 * up to {@code dataReplyTimeout} (within the sender's {@link SendWindow}), and a reply
 * that never comes is an {@link UnconfirmedSend}, never sent again.
 */
public final class EmailChannel {

	/** The name of its circuit breaker. */
	public static final String NAME = "email";

	/** Why a message whose data the server got has no reply to show that it took it. */
	public static final String UNCONFIRMED = "SMTP_UNCONFIRMED";

	private static final Pattern SMTP_REPLY = Pattern.compile("^\\s*([45]\\d\\d)[ -]");

	private final JavaMailSender mail;

	private final String from;

	private final Duration dataReplyTimeout;

	private final SmtpSockets sockets = new SmtpSockets();

	private final @Nullable Session session;

	private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

	/**
	 * The file types of the sender, read once: a helper on a message of our own would
	 * read them from the class path for every email.
	 */
	private final FileTypeMap fileTypes;

	public EmailChannel(JavaMailSender mail, String from) {
		this(mail, from, Duration.ofMinutes(10));
	}

	/**
	 * @param dataReplyTimeout how long the server may take to answer the end of a
	 * message's data (RFC 5321: 10 minutes)
	 */
	public EmailChannel(JavaMailSender mail, String from, Duration dataReplyTimeout) {
		// Jakarta Mail looks its stream provider up with a ServiceLoader for every body
		// part
		// unless this names it: through a packaged jar's class loader that was most of
		// the
		// cost of sending an email.
		if (System.getProperty(STREAM_PROVIDER) == null) {
			System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
		}
		this.mail = mail;
		this.from = from;
		this.dataReplyTimeout = dataReplyTimeout;
		if (mail instanceof JavaMailSenderImpl sender) {
			Properties properties = new Properties();
			properties.putAll(sender.getJavaMailProperties());
			properties.put("mail.smtp.socketFactory", this.sockets);
			sender.setJavaMailProperties(properties);
			this.session = sender.getSession();
			this.fileTypes = sender.getDefaultFileTypeMap();
		}
		else {
			this.session = null;
			this.fileTypes = new ConfigurableMimeFileTypeMap();
		}
	}

	/**
	 * Sends one message, plain text and HTML.
	 * @param to the address
	 * @param text the plain-text body
	 * @param html the HTML body
	 * @param messageId the delivery's id, the Message-ID's left part: the same on every
	 * attempt, so that a receiving server or mail program can drop a copy
	 * @throws ChannelFailure permanent when the server refuses the address (a 5xx)
	 * @throws UnconfirmedSend when the data went out and no reply came
	 */
	public void send(String to, String subject, String text, String html, String messageId) {
		OutgoingMessage message = (this.session != null) ? new OutgoingMessage(this.session, messageId) : null;
		try {
			MimeMessage mime = (message != null) ? message : this.mail.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(mime, true, StandardCharsets.UTF_8.name()) {
				@Override
				protected FileTypeMap getDefaultFileTypeMap(MimeMessage message) {
					return EmailChannel.this.fileTypes;
				}
			};
			helper.setFrom(this.from);
			helper.setTo(to);
			helper.setSubject(subject);
			helper.setText(text, html);
			mime.saveChanges();
			mime.setHeader("Message-ID", OutgoingMessage.messageId(messageId));
			this.mail.send(mime);
		}
		catch (MessagingException ex) {
			throw new ChannelFailure(true, "INVALID_MESSAGE", ex);
		}
		catch (MailAuthenticationException ex) {
			throw new ChannelFailure(false, "SMTP_AUTHENTICATION", ex);
		}
		catch (MailSendException ex) {
			if (ex.getFailedMessages().isEmpty() && message != null && message.dataSent) {
				// Only closing the connection failed: the server had said it took the
				// message.
				return;
			}
			throw classify(ex, message != null && message.dataSent);
		}
		catch (MailException ex) {
			throw new ChannelFailure(false, "SMTP_UNAVAILABLE", ex);
		}
		finally {
			this.sockets.forget();
		}
	}

	/**
	 * A message that knows when its data went out, and then waits longer for the server's
	 * reply.
	 */
	private final class OutgoingMessage extends MimeMessage {

		private final String id;

		private volatile boolean dataSent;

		OutgoingMessage(Session session, String id) {
			super(session);
			this.id = id;
		}

		static String messageId(String id) {
			return "<" + id + "@aiguillage>";
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", messageId(this.id));
		}

		@Override
		public void writeTo(OutputStream out, String[] ignoreList) throws IOException, MessagingException {
			// Only the transport writes the message, into the server's DATA (or BDAT).
			super.writeTo(out, ignoreList);
			this.dataSent = true;
			Duration left = SendWindow.remaining();
			Duration wait = (left == null || left.compareTo(EmailChannel.this.dataReplyTimeout) > 0)
					? EmailChannel.this.dataReplyTimeout : left;
			EmailChannel.this.sockets.waitForReplies(wait);
		}

	}

	private static ChannelFailure classify(MailSendException ex, boolean dataSent) {
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
		// The server had the whole message and said nothing: sending it again may
		// double it.
		return dataSent ? new UnconfirmedSend(UNCONFIRMED, ex) : new ChannelFailure(false, "SMTP_UNAVAILABLE", ex);
	}

}
