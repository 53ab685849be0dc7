package ca.aiguillage.notification.channels;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTests {

	@Test
	void signatureMatchesTheStandardWebhooksReferenceExample() {
		// The example of the Standard Webhooks specification.
		String signature = WebhookChannel.signature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
				"msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", "{\"test\": 2432232314}");

		assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	}

	@Test
	void duringARotationEachSecretSignsAndTheSignaturesAreSpaceSeparatedCurrentFirst() {
		String current = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
		String previous = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX";

		String header = WebhookChannel.signatures(java.util.List.of(current, previous), "msg_1", "1614265330", "{}");

		assertThat(header.split(" ")).containsExactly(WebhookChannel.signature(current, "msg_1", "1614265330", "{}"),
				WebhookChannel.signature(previous, "msg_1", "1614265330", "{}"));
		assertThat(header.split(" ")[0]).isNotEqualTo(header.split(" ")[1]);
	}

	@Test
	void twilioSignatureCoversTheUrlAndEveryParameterInNameOrder() {
		java.util.Map<String, String> params = new java.util.LinkedHashMap<>();
		params.put("To", "+15145550000");
		params.put("Body", "OUI");
		params.put("From", "+15145550123");
		String signed = TwilioSignatures.sign("token", "https://example.org/api/v1/sms/replies", params);

		assertThat(TwilioSignatures.valid("token", "https://example.org/api/v1/sms/replies", params, signed)).isTrue();
		params.put("Body", "NON");
		assertThat(TwilioSignatures.valid("token", "https://example.org/api/v1/sms/replies", params, signed)).isFalse();
	}

}
