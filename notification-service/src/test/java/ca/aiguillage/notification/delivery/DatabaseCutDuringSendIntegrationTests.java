package ca.aiguillage.notification.delivery;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import ca.aiguillage.notification.stubs.StubbedChannels;
import ca.aiguillage.testing.EmbeddedMongoServer;
import ca.aiguillage.testing.FaultyProxy;
import com.mongodb.ServerAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database goes away while a message is with its provider: the provider took it, so
 * its sender records the outcome once the database is back, and the message is never sent
 * again when its lease runs out.
 */
@Import(DatabaseCutDuringSendIntegrationTests.ThroughAProxy.class)
class DatabaseCutDuringSendIntegrationTests extends RunningNotificationService {

	static final FaultyProxy DATABASE = FaultyProxy.start(URI.create(EmbeddedMongoServer.uri()).getPort());

	@TestConfiguration(proxyBeanMethods = false)
	static class ThroughAProxy {

		@Bean
		MongoClientSettingsBuilderCustomizer throughTheProxy() {
			return settings -> settings.applyToClusterSettings(
					cluster -> cluster.hosts(List.of(new ServerAddress("127.0.0.1", DATABASE.port()))));
		}

	}

	@AfterEach
	void backToNoon() {
		DATABASE.restore();
		StubbedChannels.clock().reset();
	}

	@AfterAll
	static void closeTheProxy() {
		DATABASE.close();
	}

	@Test
	void messageTheProviderTookWhileTheDatabaseWasAwayIsRecordedAndNeverSentAgain() {
		Client client = newClient("fr");
		// The client's other messages fail to start while the database is away, on their
		// lanes' threads: expected here, not this test's failure.
		StubbedChannels.sms().answerLateFor(client.mobile(), 3_000);
		publish(SUBMITTED, client.referral());
		await().dontCatchUncaughtExceptions()
			.atMost(ofSeconds(30))
			.until(() -> StubbedChannels.sms().requestsTo(client.mobile()) == 1);

		// The database slows down, so that the write recording the provider's answer is
		// on
		// its way when the connection drops.
		DATABASE.delay(Duration.ofSeconds(3));
		await().dontCatchUncaughtExceptions()
			.atMost(ofSeconds(10))
			.until(() -> StubbedChannels.sms().answersTo(client.mobile()) == 1);
		DATABASE.cut();
		// The provider took it while the database is away: nothing is sent again
		// meanwhile.
		await().dontCatchUncaughtExceptions()
			.during(ofSeconds(2))
			.atMost(ofSeconds(5))
			.until(() -> StubbedChannels.sms().requestsTo(client.mobile()) == 1);
		DATABASE.restore();

		// Recorded by its sender once the database is back, well within its lease.
		await().dontCatchUncaughtExceptions()
			.atMost(ofSeconds(60))
			.until(() -> clientSms(deliveries(client.referral())), sms -> "SENT".equals(sms.get("status")));
		StubbedChannels.clock().advance(Duration.ofMinutes(6));
		await().dontCatchUncaughtExceptions()
			.during(ofSeconds(5))
			.atMost(ofSeconds(10))
			.until(() -> StubbedChannels.sms().requestsTo(client.mobile()) == 1);
	}

	@Test
	void emailTheServerTookWhileTheDatabaseWasAwayIsRecordedAndNeverSentAgain() {
		Client client = newClient("fr");
		// The server's 250 comes 3 s after it took the message, and the database slows
		// down meanwhile: the write recording the send is on its way when the connection
		// drops.
		int released = StubbedChannels.smtp().heldRepliesReleased();
		StubbedChannels.smtp().holdReplyToEndOfData(client.email(), Duration.ofSeconds(3));
		publish(SUBMITTED, client.referral());
		await().atMost(ofSeconds(30)).until(() -> mailTo(client.email()).size() == 1);
		DATABASE.delay(Duration.ofSeconds(3));
		await().atMost(ofSeconds(10)).until(() -> StubbedChannels.smtp().heldRepliesReleased() > released);
		DATABASE.cut();
		await().dontCatchUncaughtExceptions()
			.during(ofSeconds(6))
			.atMost(ofSeconds(10))
			.until(() -> mailTo(client.email()).size() == 1);
		DATABASE.restore();

		// Recorded by its sender once the database is back, well within its lease.
		await().dontCatchUncaughtExceptions()
			.atMost(ofSeconds(60))
			.until(() -> clientEmail(deliveries(client.referral())), email -> "SENT".equals(email.get("status")));
		StubbedChannels.clock().advance(Duration.ofMinutes(6));
		await().dontCatchUncaughtExceptions()
			.during(ofSeconds(5))
			.atMost(ofSeconds(10))
			.untilAsserted(() -> assertThat(mailTo(client.email())).as("emails the server received").hasSize(1));
	}

	private static Map<String, Object> clientEmail(List<Map<String, Object>> deliveries) {
		return deliveries.stream()
			.filter(d -> "CLIENT".equals(d.get("audience")) && "EMAIL".equals(d.get("channel")))
			.findFirst()
			.orElse(Map.of());
	}

	private static Map<String, Object> clientSms(List<Map<String, Object>> deliveries) {
		return deliveries.stream()
			.filter(d -> "CLIENT".equals(d.get("audience")) && "SMS".equals(d.get("channel")))
			.findFirst()
			.orElse(Map.of());
	}

}
