package ca.aiguillage.notification.channels;

import java.util.Map;

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
