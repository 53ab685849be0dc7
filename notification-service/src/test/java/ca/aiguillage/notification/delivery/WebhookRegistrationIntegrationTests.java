package ca.aiguillage.notification.delivery;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import ca.aiguillage.notification.channels.WebhookChannel;
import ca.aiguillage.notification.stubs.StubbedChannels;
import ca.aiguillage.notification.stubs.WebhookStub;
import ca.aiguillage.notification.webhooks.PartnerWebhook;
import ca.aiguillage.testing.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WebhookRegistrationIntegrationTests extends RunningNotificationService {

	@Autowired
	MongoOperations mongo;

	@AfterEach
	void clockBackToNoon() {
		StubbedChannels.clock().reset();
	}

	@Test
	void partnersProposalGetsNothingAndNoSecretUntilAnAdministratorApprovesIt() {
		String partner = newPartner();
		Http partnerApi = this.anonymous.withToken(this.tokens.partner(partner));

		Http.Answer proposed = partnerApi.putJson("/api/v1/webhooks/mine",
				body(StubbedChannels.webhooks().url(partner)));
		Client first = submittedBy(partner);

		assertThat(proposed.status()).isEqualTo(202);
		assertThat(proposed.body()).doesNotContain("whsec_", "\"secret\"");
		assertThat(proposed.<String>json("$.proposedUrl")).isEqualTo(StubbedChannels.webhooks().url(partner));
		assertThat(awaitFinished(first.referral(), 3)).filteredOn(d -> "REFERRER".equals(d.get("audience")))
			.singleElement()
			.satisfies(webhook -> assertThat(webhook).containsEntry("reasonCode", "NO_WEBHOOK"));
		assertThat(StubbedChannels.webhooks().callsTo(partner)).isEmpty();

		Http.Answer approved = this.http.postJson("/api/v1/webhooks/" + partner + "/approval", "");
		String secret = approved.json("$.secret");
		Client second = submittedBy(partner);

		assertThat(approved.status()).isEqualTo(200);
		assertThat(approved.<String>json("$.url")).isEqualTo(StubbedChannels.webhooks().url(partner));
		WebhookStub.Call call = await().atMost(ofSeconds(30))
			.until(() -> StubbedChannels.webhooks().callsTo(partner), calls -> calls.size() == 1)
			.get(0);
		assertThat(call.body()).contains(second.referral());
		assertThat(call.signature())
			.isEqualTo(WebhookChannel.signature(secret, call.id(), call.timestamp(), call.body()));
	}

	@Test
	void theSecretIsShownOnlyInTheAnswerThatMadeItAndLaterReadsShowAHint() {
		String partner = newPartner();
		String secret = registerWebhook(partner, StubbedChannels.webhooks().url(partner));

		Http.Answer again = this.http.putJson("/api/v1/webhooks/" + partner,
				body(StubbedChannels.webhooks().url(partner + "-moved")));
		Http.Answer mine = this.anonymous.withToken(this.tokens.partner(partner)).get("/api/v1/webhooks/mine");
		Http.Answer all = this.http.get("/api/v1/webhooks");

		String hint = secret.substring(0, 6) + "…" + secret.substring(secret.length() - 4);
		assertThat(List.of(again, mine, all)).allSatisfy(answer -> {
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.body()).doesNotContain(secret).doesNotContain("\"secret\"").contains(hint);
		});
		assertThat(again.<String>json("$.url")).isEqualTo(StubbedChannels.webhooks().url(partner + "-moved"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://10.1.2.3/hooks", "https://172.16.0.1/hooks", "https://192.168.0.10/hooks",
			"https://169.254.169.254/latest/meta-data", "https://100.64.0.1/hooks", "https://224.0.0.1/hooks",
			"https://0.0.0.0/hooks", "https://[fc00::1]/hooks", "https://[fe80::1]/hooks",
			"https://[::ffff:10.0.0.1]/hooks" })
	void registrationRefusesAnEndpointOnAnInternalOrReservedRangeAndKeepsNothing(String url) {
		String partner = newPartner();

		Http.Answer french = this.http.putJson("/api/v1/webhooks/" + partner, body(url));
		Http.Answer english = this.http.putJson("/api/v1/webhooks/" + partner, body(url), "Accept-Language", "en");
		Http.Answer proposed = this.anonymous.withToken(this.tokens.partner(partner))
			.putJson("/api/v1/webhooks/mine", body(url));

		assertThat(List.of(french, english, proposed)).allSatisfy(answer -> {
			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
			assertThat(answer.<List<String>>json("$.errors[*].field")).containsExactly("url");
		});
		assertThat(french.body()).contains("réseau interne");
		assertThat(english.body()).contains("internal or reserved network");
		assertThat(this.http.get("/api/v1/webhooks").body()).doesNotContain(partner);
	}

	@Test
	void anEndpointThatResolvesToAnInternalRangeAtSendTimeGetsNothing() {
		// Saved as a name repointed since its check would be: what is sent is checked
		// again.
		String partner = newPartner();
		this.mongo.save(new PartnerWebhook(partner, URI.create("http://10.255.255.1/hooks"),
				"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", Instant.now(), null, null, null, null));

		Client client = submittedBy(partner);

		assertThat(awaitFinished(client.referral(), 3)).filteredOn(d -> "REFERRER".equals(d.get("audience")))
			.singleElement()
			.satisfies(webhook -> {
				assertThat(webhook).containsEntry("status", "FAILED")
					.containsEntry("reasonCode", WebhookChannel.ADDRESS_REFUSED);
				assertThat((List<?>) webhook.get("attempts")).hasSize(1);
			});
	}

	@Test
	void afterARotationBothSecretsSignDuringTheOverlapThenOnlyTheNewOne() {
		String partner = newPartner();
		String first = registerWebhook(partner, StubbedChannels.webhooks().url(partner));

		Http.Answer rotated = this.http.postJson("/api/v1/webhooks/" + partner + "/rotation", "");
		String second = rotated.json("$.secret");
		submittedBy(partner);

		assertThat(rotated.status()).isEqualTo(200);
		assertThat(second).startsWith("whsec_").isNotEqualTo(first);
		assertThat(rotated.<String>json("$.previousSecretUntil")).isNotNull();
		WebhookStub.Call during = await().atMost(ofSeconds(30))
			.until(() -> StubbedChannels.webhooks().callsTo(partner), calls -> calls.size() == 1)
			.get(0);
		assertThat(during.signature().split(" ")).containsExactly(
				WebhookChannel.signature(second, during.id(), during.timestamp(), during.body()),
				WebhookChannel.signature(first, during.id(), during.timestamp(), during.body()));

		StubbedChannels.clock().advance(Duration.ofHours(25));
		submittedBy(partner);

		WebhookStub.Call after = await().atMost(ofSeconds(30))
			.until(() -> StubbedChannels.webhooks().callsTo(partner), calls -> calls.size() == 2)
			.get(1);
		assertThat(after.signature())
			.isEqualTo(WebhookChannel.signature(second, after.id(), after.timestamp(), after.body()));
	}

	private Client submittedBy(String partner) {
		Client client = newClient("fr");
		publish(SUBMITTED, client.referral(), UUID.randomUUID().toString(),
				replaced(fixture(SUBMITTED, client.referral()), "clsc-ahuntsic", partner));
		return client;
	}

	private static String newPartner() {
		return "partner-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static String body(String url) {
		return "{\"url\":\"" + url + "\"}";
	}

}
