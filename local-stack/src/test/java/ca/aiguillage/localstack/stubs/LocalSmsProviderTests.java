package ca.aiguillage.localstack.stubs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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

	private String send(LocalSmsProvider provider, String token) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(provider.baseUrl() + "/2010-04-01/Accounts/AC-local/Messages.json"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("I-Twilio-Idempotency-Token", token)
			.POST(HttpRequest.BodyPublishers.ofString("To=%2B15145550142&From=%2B15145550000&Body=Bonjour"))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(201);
		return response.body();
	}

}
