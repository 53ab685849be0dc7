package ca.aiguillage.platform.security;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import ca.aiguillage.platform.PlatformIntegrationTest;
import ca.aiguillage.testing.FaultyProxy;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.Http.Answer;
import ca.aiguillage.testing.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The authorization server's keys are fetched through a proxy that can slow them down or
 * cut them, as a busy or unreachable authorization server would. The first test finds no
 * key at hand; the others run once the keys were fetched.
 */
@PlatformIntegrationTest
@Import(IssuerKeysIntegrationTests.KeysThroughTheProxy.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IssuerKeysIntegrationTests {

	static final FaultyProxy KEYS = FaultyProxy.start(URI.create(TestIssuer.get().jwkSetUri()).getPort());

	/**
	 * Points the keys' address at the proxy, after the test's usual properties, and keeps
	 * fetched keys two seconds only, so that they are fetched again during a test.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class KeysThroughTheProxy implements BeanFactoryPostProcessor, EnvironmentAware {

		@Override
		public void setEnvironment(Environment environment) {
			((ConfigurableEnvironment) environment).getPropertySources()
				.addFirst(new MapPropertySource("keysThroughTheProxy",
						Map.of("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
								"http://127.0.0.1:" + KEYS.port() + "/oauth2/jwks",
								"aiguillage.security.issuer-keys.cache-for", "PT2S")));
		}

		@Override
		public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		}

	}

	@LocalServerPort
	int port;

	@AfterEach
	void keysReachableAgain() {
		KEYS.restore();
	}

	@AfterAll
	static void closeTheProxy() {
		KEYS.close();
	}

	@Test
	@Order(1)
	void withNoKeyAtHandAndTheKeysUnreachableTheAnswerIsAFrenchProblemToRetryLater() {
		KEYS.cut();

		Answer answer = Http.localhost(this.port).withToken(TestIssuer.get().partner("clsc-a")).get("/probe/caller");

		assertThat(answer.status()).isEqualTo(503);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(answer.header("Retry-After")).isNotBlank();
		assertThat(answer.<Integer>json("$.status")).isEqualTo(503);
		assertThat(answer.<String>json("$.title")).isEqualTo("Service momentanément indisponible");
	}

	@Test
	@Order(2)
	void keysServedSlowlyAreWaitedFor() {
		// Each way held back 0.7 s: slower than a quiet authorization server's answer,
		// well within the wait. A fetch refused a moment ago may be refused once more.
		KEYS.delay(Duration.ofMillis(700));

		await().atMost(ofSeconds(30))
			.untilAsserted(() -> assertThat(Http.localhost(this.port)
				.withToken(TestIssuer.get().partner("clsc-a"))
				.get("/probe/caller")
				.status()).isEqualTo(200));
		assertThat(KEYS.connectionsAccepted()).isPositive();
	}

	@Test
	@Order(3)
	void keysAtHandLetRequestsThroughWhileTheKeysAreUnreachable() {
		assertThat(
				Http.localhost(this.port).withToken(TestIssuer.get().partner("clsc-a")).get("/probe/caller").status())
			.isEqualTo(200);
		KEYS.cut();

		// Twice the keys' life: each fetch again fails, and the last keys stay in use.
		await().during(ofSeconds(4))
			.atMost(ofSeconds(30))
			.until(() -> Http.localhost(this.port)
				.withToken(TestIssuer.get().coordinator("org-laval"))
				.get("/probe/caller")
				.status() == 200);
	}

	@Test
	@Order(4)
	void tokensSignedByAnUnknownKeyAreRefusedEvenWhenTheKeysWereJustFetched() {
		// The first asks for the keys again; the next come within the minimum interval.
		for (int token = 0; token < 4; token++) {
			Answer answer = Http.localhost(this.port).withToken(TestIssuer.get().wronglySigned()).get("/probe/caller");

			assertThat(answer.status()).isEqualTo(401);
		}
	}

}
