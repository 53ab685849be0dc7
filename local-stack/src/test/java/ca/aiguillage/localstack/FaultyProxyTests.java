package ca.aiguillage.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import ca.aiguillage.testing.FaultyProxy;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import ca.aiguillage.testing.SnapshotMemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * test-support's {@link FaultyProxy} in front of a real echo server and a real MongoDB
 * wire-protocol server: it forwards, cuts, delays and throttles.
 */
class FaultyProxyTests {

	private ServerSocket echo;

	@BeforeEach
	void startAnEchoServer() throws IOException {
		this.echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread.ofVirtual().start(() -> {
			while (!this.echo.isClosed()) {
				try {
					Socket client = this.echo.accept();
					Thread.ofVirtual().start(() -> {
						try (client) {
							client.getInputStream().transferTo(client.getOutputStream());
						}
						catch (IOException ex) {
							// The client went away.
						}
					});
				}
				catch (IOException ex) {
					return;
				}
			}
		});
	}

	@AfterEach
	void stop() throws IOException {
		this.echo.close();
	}

	@Test
	void forwardsBothWaysUntilCutThenRefusesUntilRestored() throws IOException {
		try (FaultyProxy proxy = FaultyProxy.start(this.echo.getLocalPort());
				Socket before = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
			assertThat(roundTrip(before, "bonjour")).isEqualTo("bonjour");

			proxy.cut();

			assertThat(before.getInputStream().read()).as("the open connection is dropped").isEqualTo(-1);
			try (Socket during = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
				assertThat(during.getInputStream().read()).as("a new connection is closed at once").isEqualTo(-1);
			}

			proxy.restore();

			try (Socket after = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
				assertThat(roundTrip(after, "encore")).isEqualTo("encore");
			}
			assertThat(proxy.connectionsAccepted()).isEqualTo(2);
		}
	}

	@Test
	void delaysAndThrottlesWhatItForwards() throws IOException {
		try (FaultyProxy proxy = FaultyProxy.start(this.echo.getLocalPort());
				Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
			proxy.delay(Duration.ofMillis(300));
			long started = System.nanoTime();
			assertThat(roundTrip(socket, "lent")).isEqualTo("lent");
			// Held back once each way.
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(600));

			proxy.restore();
			proxy.throttle(2000);
			started = System.nanoTime();
			String kilobyte = "x".repeat(1000);
			assertThat(roundTrip(socket, kilobyte)).isEqualTo(kilobyte);
			// 1,000 bytes at 2,000 bytes a second (the two ways overlap).
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
		}
	}

	@Test
	void aDatabaseBehindACutProxyFailsAndAnswersAgainOnceRestored() {
		MongoServer mongo = new MongoServer(new SnapshotMemoryBackend());
		int port = mongo.bind().getPort();
		try (FaultyProxy proxy = FaultyProxy.start(port);
				MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + proxy.port()
						+ "/?serverSelectionTimeoutMS=1000&connectTimeoutMS=1000&socketTimeoutMS=2000")) {
			client.getDatabase("essai").getCollection("c").insertOne(new Document("_id", 1));

			proxy.cut();

			assertThatThrownBy(() -> client.getDatabase("essai").getCollection("c").insertOne(new Document("_id", 2)))
				.isInstanceOf(MongoException.class);

			proxy.restore();

			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(
						() -> assertThat(client.getDatabase("essai").getCollection("c").countDocuments()).isPositive());
		}
		finally {
			mongo.shutdown();
		}
	}

	private static String roundTrip(Socket socket, String text) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(text.getBytes());
		out.flush();
		InputStream in = socket.getInputStream();
		byte[] answer = in.readNBytes(text.length());
		return new String(answer);
	}

}
