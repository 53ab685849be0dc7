package ca.aiguillage.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

/**
 * The bare work of a referral with plain clients, against the same broker and database: a
 * minimal JDK HTTP server answers 201 at once, then one insert of the request and a
 * publish on a topic; a plain consumer of that topic does the remaining MongoDB writes
 * and publishes the "decision" on a second topic. That is two Kafka round trips to a
 * decision, as referral-service → matching-service makes, and as many writes as asked.
 * Its topics and database are removed afterwards.
 */
final class Baseline implements AutoCloseable {

	static final String INTAKE_TOPIC = "load.baseline.intake";

	static final String DECIDED_TOPIC = "load.baseline.decided";

	private static final String DATABASE = "load-baseline";

	private final Target target;

	private final int writes;

	private final HttpServer server;

	private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();

	private final MongoClient mongo;

	private final KafkaProducer<String, String> producer;

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final Thread relay;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.executor(Executors.newVirtualThreadPerTaskExecutor())
		.build();

	/**
	 * Creates the topics and starts the server and the relay.
	 * @param target the broker and database under load
	 * @param writes MongoDB writes per referral (at least 1)
	 */
	Baseline(Target target, int writes) {
		this.target = target;
		this.writes = Math.max(1, writes);
		Map<String, Object> admin = new HashMap<>(target.kafkaLogin().apply("admin"));
		createTopics(admin);
		this.mongo = MongoClients.create(target.mongoUri());
		MongoCollection<Document> intake = this.mongo.getDatabase(DATABASE).getCollection("intake");
		MongoCollection<Document> decisions = this.mongo.getDatabase(DATABASE).getCollection("decisions");
		this.producer = new KafkaProducer<>(admin, new StringSerializer(), new StringSerializer());
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
		}
		catch (IOException ex) {
			throw new IllegalStateException("No port for the baseline's HTTP server", ex);
		}
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/api/v1/referrals", (exchange) -> {
			String body;
			try (InputStream in = exchange.getRequestBody()) {
				body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			String id = UUID.randomUUID().toString();
			byte[] answer = ("{\"referralId\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(201, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
			// After the answer, as referral-service's outbox relay publishes after its
			// write.
			this.work.execute(() -> {
				intake.insertOne(new Document("_id", id).append("request", body));
				this.producer.send(new ProducerRecord<>(INTAKE_TOPIC, id, body));
			});
		});
		this.server.start();
		KafkaConsumer<String, String> consumer = new KafkaConsumer<>(admin, new StringDeserializer(),
				new StringDeserializer());
		List<TopicPartition> partitions = consumer.partitionsFor(INTAKE_TOPIC, Duration.ofSeconds(30))
			.stream()
			.map((info) -> new TopicPartition(INTAKE_TOPIC, info.partition()))
			.toList();
		consumer.assign(partitions);
		consumer.seekToEnd(partitions);
		partitions.forEach(consumer::position);
		this.relay = Thread.ofPlatform().name("baseline-relay").daemon().start(() -> {
			try (consumer) {
				while (this.running.get()) {
					for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
						for (int i = 1; i < this.writes; i++) {
							decisions.replaceOne(Filters.eq("_id", record.key() + "-" + i),
									new Document("_id", record.key() + "-" + i).append("step", i),
									new ReplaceOptions().upsert(true));
						}
						this.producer.send(new ProducerRecord<>(DECIDED_TOPIC, record.key(), "decided"));
					}
				}
			}
		});
	}

	private static void createTopics(Map<String, Object> admin) {
		try (Admin client = Admin.create(admin)) {
			var existing = client.listTopics().names().get(30, TimeUnit.SECONDS);
			List<NewTopic> missing = List.of(INTAKE_TOPIC, DECIDED_TOPIC)
				.stream()
				.filter((topic) -> !existing.contains(topic))
				.map((topic) -> new NewTopic(topic, 3, (short) 1))
				.toList();
			client.createTopics(missing).all().get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not create the baseline's topics", ex);
		}
	}

	/**
	 * Posts one referral to the bare server.
	 * @return the id it answered with
	 */
	String post(String body, long startNanos, Latency accepted) throws IOException, InterruptedException {
		HttpResponse<String> answer = this.http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/api/v1/referrals"))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		accepted.recordNanos(System.nanoTime() - startNanos);
		if (answer.statusCode() != 201) {
			throw new IllegalStateException("The bare server answered " + answer.statusCode());
		}
		return answer.body().substring("{\"referralId\":\"".length(), answer.body().length() - 2);
	}

	/** Stops the server and the relay, and removes the baseline's topics and database. */
	@Override
	public void close() {
		this.server.stop(0);
		this.running.set(false);
		try {
			this.relay.join(Duration.ofSeconds(10));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.work.close();
		this.producer.close(Duration.ofSeconds(10));
		this.http.close();
		this.mongo.getDatabase(DATABASE).drop();
		this.mongo.close();
		try (Admin client = Admin.create(new HashMap<>(this.target.kafkaLogin().apply("admin")))) {
			client.deleteTopics(List.of(INTAKE_TOPIC, DECIDED_TOPIC)).all().get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// Left behind: two small topics of no one's data, reused by the next run.
		}
	}

}
