package ca.aiguillage.notification.channels;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmsWithoutAuthTokenTests {

	// The default this setting had, published in the source: it must open nothing.
	private static final String FORMER_PUBLIC_DEFAULT = "local-sms-token";

	private final ChannelSettings.Sms unconfigured = new ChannelSettings.Sms(URI.create("http://localhost:9"),
			"AC-local", null, "+15145550000", Duration.ofSeconds(1), null);

	@Test
	void withoutAnAuthTokenNoTextMessageIsSentAndTheFailureIsFinal() {
		TwilioSmsGateway gateway = new TwilioSmsGateway(RestClient.builder(), this.unconfigured);

		assertThatThrownBy(() -> gateway.send("+15145550142", "Bonjour", "delivery-1"))
			.isInstanceOfSatisfying(ChannelFailure.class, (failure) -> {
				assertThat(failure.permanent()).isTrue();
				assertThat(failure.reason()).isEqualTo("SMS_NOT_CONFIGURED");
			});
	}

	@Test
	void withoutAnAuthTokenNoReplyIsTakenEvenSignedWithTheFormerPublicDefault() {
		String url = "https://aiguillage.example/api/v1/sms/replies";
		Map<String, String> params = Map.of("From", "+15145550142", "Body", "OUI");
		String forged = TwilioSignatures.sign(FORMER_PUBLIC_DEFAULT, url, params);

		assertThat(TwilioSignatures.valid(this.unconfigured.authToken(), url, params, forged)).isFalse();
	}

}
