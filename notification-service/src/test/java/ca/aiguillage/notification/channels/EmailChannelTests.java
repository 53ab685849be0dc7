package ca.aiguillage.notification.channels;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;

import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EmailChannelTests {

	@Test
	void bouncedAddressFailsAtOnceWithTheServersReplyCode() {
		EmailChannel channel = new EmailChannel(answering("550 5.1.1 <nobody@exemple.ca>: Recipient address rejected"),
				"Aiguillage <n@aiguillage.local>");

		assertThatExceptionOfType(ChannelFailure.class)
			.isThrownBy(() -> channel.send("nobody@exemple.ca", "Sujet", "Texte", "<p>Texte</p>", "id-1"))
			.satisfies(failure -> {
				assertThat(failure.permanent()).isTrue();
				assertThat(failure.reason()).isEqualTo("SMTP_550");
			});
	}

	@Test
	void serverBusyIsWorthAnotherTry() {
		EmailChannel channel = new EmailChannel(answering("421 4.7.0 Try again later"),
				"Aiguillage <n@aiguillage.local>");

		assertThatExceptionOfType(ChannelFailure.class)
			.isThrownBy(() -> channel.send("camille@exemple.ca", "Sujet", "Texte", "<p>Texte</p>", "id-2"))
			.satisfies(failure -> {
				assertThat(failure.permanent()).isFalse();
				assertThat(failure.reason()).isEqualTo("SMTP_421");
			});
	}

	@Test
	void messageIdIsTheDeliveryIdOnEveryAttempt() {
		List<String> ids = new ArrayList<>();
		EmailChannel channel = new EmailChannel(new JavaMailSenderImpl() {
			@Override
			protected void doSend(MimeMessage[] messages, Object[] originals) {
				try {
					messages[0].saveChanges();
					ids.add(messages[0].getMessageID());
				}
				catch (MessagingException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}, "Aiguillage <n@aiguillage.local>");

		channel.send("camille@exemple.ca", "Sujet", "Texte", "<p>Texte</p>", "delivery-3");
		channel.send("camille@exemple.ca", "Sujet", "Texte", "<p>Texte</p>", "delivery-3");

		assertThat(ids).containsExactly("<delivery-3@aiguillage>", "<delivery-3@aiguillage>");
	}

	@Test
	void noReplyAfterTheDataIsUnconfirmedAndNoReplyBeforeItIsWorthAnotherTry() {
		EmailChannel afterData = new EmailChannel(timingOut(true), "Aiguillage <n@aiguillage.local>");
		EmailChannel beforeData = new EmailChannel(timingOut(false), "Aiguillage <n@aiguillage.local>");

		assertThatExceptionOfType(UnconfirmedSend.class)
			.isThrownBy(() -> afterData.send("camille@exemple.ca", "Sujet", "Texte", "<p>Texte</p>", "id-4"))
			.satisfies(failure -> assertThat(failure.reason()).isEqualTo(EmailChannel.UNCONFIRMED));
		assertThatExceptionOfType(ChannelFailure.class)
			.isThrownBy(() -> beforeData.send("camille@exemple.ca", "Sujet", "Texte", "<p>Texte</p>", "id-5"))
			.satisfies(failure -> {
				assertThat(failure).isNotInstanceOf(UnconfirmedSend.class);
				assertThat(failure.permanent()).isFalse();
				assertThat(failure.reason()).isEqualTo("SMTP_UNAVAILABLE");
			});
	}

	@Test
	void connectionThatFailsToCloseAfterTheServerTookTheMessageIsASend() {
		EmailChannel channel = new EmailChannel(new JavaMailSenderImpl() {
			@Override
			protected void doSend(MimeMessage[] messages, Object[] originals) {
				written(messages[0]);
				throw new MailSendException("Failed to close server connection after message sending",
						new MessagingException("Exception reading response", new SocketTimeoutException()));
			}
		}, "Aiguillage <n@aiguillage.local>");

		channel.send("camille@exemple.ca", "Sujet", "Texte", "<p>Texte</p>", "id-6");
	}

	/** A server that never answers, before the message's data or after it. */
	private static JavaMailSenderImpl timingOut(boolean afterData) {
		return new JavaMailSenderImpl() {
			@Override
			protected void doSend(MimeMessage[] messages, Object[] originals) {
				if (afterData) {
					written(messages[0]);
				}
				throw new MailSendException(Map.of(messages[0],
						new MessagingException("Exception reading response", new SocketTimeoutException())));
			}
		};
	}

	/** The message's data, as the transport writes it into DATA. */
	private static void written(MimeMessage message) {
		try {
			message.writeTo(new ByteArrayOutputStream(), null);
		}
		catch (IOException | MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** An SMTP server that answers every message with this reply. */
	private static JavaMailSenderImpl answering(String reply) {
		return new JavaMailSenderImpl() {
			@Override
			protected void doSend(MimeMessage[] messages, Object[] originals) {
				throw new MailSendException(Map.of(messages[0], new SendFailedException(reply)));
			}
		};
	}

}
