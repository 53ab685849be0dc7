package ca.aiguillage.localstack.stubs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LocalSmsProviderTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aRequestRepeatedWithItsIdempotencyTokenIsTheSameMessage() throws Exception {
		try (LocalSmsProvider provider = LocalSmsProvider.start(0)) {
			String first = send(provider, "delivery-1");
			String repeated = send(provider, "delivery-1");
			String other = send(provider, "delivery-2");

			assertThat(repeated).isEqualTo(first);
			assertThat(other).isNotEqualTo(first);
		}
	}

	@Test
	void aLookupByNumberListsWhatWasTakenForItNewestFirst() throws Exception {
		try (LocalSmsProvider provider = LocalSmsProvider.start(0)) {
			String sid = send(provider, "delivery-3");

			HttpResponse<String> found = this.http.send(HttpRequest.newBuilder(URI.create(provider.baseUrl()
					+ "/2010-04-01/Accounts/AC-local/Messages.json?To=%2B15145550142&From=%2B15145550000&PageSize=50"))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
			HttpResponse<String> other = this.http.send(HttpRequest
				.newBuilder(URI
					.create(provider.baseUrl() + "/2010-04-01/Accounts/AC-local/Messages.json?To=%2B15145559999"))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(found.statusCode()).isEqualTo(200);
			assertThat(found.body()).contains(sid.substring(sid.indexOf("SM"), sid.indexOf("SM") + 34),
					"\"body\":\"Bonjour\"", "\"date_created\":\"");
			assertThat(other.body()).isEqualTo("{\"messages\":[]}");
		}
	}

	@Test
	void aSlowProviderTakesTheMessageAtOnceAndAnswersLate() throws Exception {
		try (LocalSmsProvider provider = LocalSmsProvider.start(0)) {
			provider.answerLate(1, Duration.ofSeconds(6));
			long started = System.nanoTime();
			CompletableFuture<HttpResponse<String>> late = this.http.sendAsync(request(provider, "delivery-4"),
					HttpResponse.BodyHandlers.ofString());

			// Taken before it is answered: a lookup meanwhile finds it.
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lookup(provider)).contains("Bonjour"));
			assertThat(late).isNotDone();
			assertThat(late.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(6));
			send(provider, "delivery-4");
			send(provider, "delivery-5");

			assertThat(provider.answeredLate()).containsExactly("delivery-4");
			assertThat(provider.received()).containsEntry("delivery-4", 1).containsEntry("delivery-5", 1);
			assertThat(provider.posted()).containsEntry("delivery-4", 2).containsEntry("delivery-5", 1);
		}
	}

	private String lookup(LocalSmsProvider provider) throws Exception {
		return this.http
			.send(HttpRequest
				.newBuilder(URI
					.create(provider.baseUrl() + "/2010-04-01/Accounts/AC-local/Messages.json?To=%2B15145550142"))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private HttpRequest request(LocalSmsProvider provider, String token) {
		return HttpRequest.newBuilder(URI.create(provider.baseUrl() + "/2010-04-01/Accounts/AC-local/Messages.json"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("I-Twilio-Idempotency-Token", token)
			.POST(HttpRequest.BodyPublishers.ofString("To=%2B15145550142&From=%2B15145550000&Body=Bonjour"))
			.build();
	}

	private String send(LocalSmsProvider provider, String token) throws Exception {
		HttpResponse<String> response = this.http.send(request(provider, token), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(201);
		return response.body();
	}

}
