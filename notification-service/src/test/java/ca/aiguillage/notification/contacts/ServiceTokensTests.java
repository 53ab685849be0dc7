package ca.aiguillage.notification.contacts;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ServiceTokensTests {

	private static final Instant ISSUED = Instant.parse("2026-12-05T15:00:00Z");

	private final AtomicReference<Instant> now = new AtomicReference<>(ISSUED);

	private final AtomicInteger issued = new AtomicInteger();

	private volatile CountDownLatch answer = new CountDownLatch(0);

	private HttpServer tokenEndpoint;

	private ServiceTokens tokens;

	@BeforeEach
	void startTheTokenEndpoint() throws IOException {
		this.tokenEndpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.tokenEndpoint.createContext("/oauth2/token", this::issue);
		this.tokenEndpoint.setExecutor(null);
		this.tokenEndpoint.start();
		Clock clock = new Clock() {

			@Override
			public ZoneOffset getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(java.time.ZoneId zone) {
				return this;
			}

			@Override
			public Instant instant() {
				return ServiceTokensTests.this.now.get();
			}

		};
		URI tokenUri = URI.create("http://127.0.0.1:" + this.tokenEndpoint.getAddress().getPort() + "/oauth2/token");
		this.tokens = new ServiceTokens(RestClient.builder(),
				new ContactSettings.Client(tokenUri, "notification-service", "secret"), clock);
	}

	@AfterEach
	void stopTheTokenEndpoint() {
		this.answer.countDown();
		this.tokenEndpoint.stop(0);
	}

	private void issue(HttpExchange exchange) throws IOException {
		try {
			this.answer.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		byte[] body = ("{\"access_token\":\"token-" + this.issued.incrementAndGet()
				+ "\",\"token_type\":\"Bearer\",\"expires_in\":300}")
			.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

	@Test
	void tokenIsFetchedOnceAndKeptWhileItIsFresh() {
		assertThat(this.tokens.current()).isEqualTo("token-1");
		this.now.set(ISSUED.plus(Duration.ofMinutes(3)));

		assertThat(this.tokens.current()).isEqualTo("token-1");
		assertThat(this.issued).hasValue(1);
	}

	@Test
	void tokenInItsLastMinuteIsRenewedAsideWhileCallersGoOnWithIt() throws Exception {
		assertThat(this.tokens.current()).isEqualTo("token-1");
		this.now.set(ISSUED.plus(Duration.ofSeconds(250)));
		this.answer = new CountDownLatch(1);

		// The token endpoint does not answer yet: a sender still has a token for 50 s.
		String meanwhile = CompletableFuture.supplyAsync(this.tokens::current).get(10, TimeUnit.SECONDS);
		String again = CompletableFuture.supplyAsync(this.tokens::current).get(10, TimeUnit.SECONDS);

		assertThat(meanwhile).isEqualTo("token-1");
		assertThat(again).isEqualTo("token-1");
		this.answer.countDown();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.tokens.current()).isEqualTo("token-2"));
		assertThat(this.issued).as("one renewal, however many callers asked meanwhile").hasValue(2);
	}

	@Test
	void firstTokenFetchedAheadIsTheOneTheFirstSenderGets() {
		this.tokens.fetchAhead();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.issued).hasValue(1));

		assertThat(this.tokens.current()).isEqualTo("token-1");
		assertThat(this.issued).hasValue(1);
	}

	@Test
	void expiredTokenIsReplacedBeforeTheCallGoesOn() {
		assertThat(this.tokens.current()).isEqualTo("token-1");
		this.now.set(ISSUED.plus(Duration.ofSeconds(300)));

		assertThat(this.tokens.current()).isEqualTo("token-2");
	}

	@Test
	void forgottenTokenIsNeverSentAgain() {
		assertThat(this.tokens.current()).isEqualTo("token-1");
		this.tokens.forget();

		assertThat(this.tokens.current()).isEqualTo("token-2");
	}

}
