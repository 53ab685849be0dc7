package ca.aiguillage.platform.outbox;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import ca.aiguillage.contracts.Topics;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.waitlist.ReprioritisedV1;
import ca.aiguillage.platform.PlatformIntegrationTest;
import ca.aiguillage.platform.events.CloudEventMessages;
import ca.aiguillage.testing.FindCommands;
import ca.aiguillage.testing.KafkaProbe;
import ca.aiguillage.testing.KafkaProbe.WireRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.stream.binding.BindingService;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.IndexField;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.integration.channel.AbstractMessageChannel;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

@PlatformIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class OutboxRelayIntegrationTests {

	@Autowired
	Aggregates aggregates;

	@Autowired
	OutboxRelay relay;

	@Autowired
	MongoOperations mongo;

	@Autowired
	StreamBridge bridge;

	@Autowired
	CloudEventMessages messages;

	@Autowired
	MeterRegistry meters;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	FindCommands finds;

	@Autowired
	BindingService bindings;

	@Autowired
	ApplicationContext context;

	@Test
	void publishesAtOnceWhenWokenInOrderKeyedBySubjectAndThenRemovesEachEntry() {
		String id = "tally-" + UUID.randomUUID();
		this.aggregates.update(Tally.class, id, found -> {
			Tally tally = new Tally(id);
			tally.reprioritise(Priority.A);
			tally.reprioritise(Priority.B);
			tally.reprioritise(Priority.C);
			return Outcome.save(tally, true);
		});
		this.aggregates.updateIfPresent(Tally.class, id, tally -> {
			tally.reprioritise(Priority.D);
			return true;
		});

		// The relay polls once a minute here: only its wake-up can publish this fast.
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			List<WireRecord> published = recordsAbout(id);
			assertThat(published).extracting(WireRecord::value)
				.map(value -> value.replaceAll(".*\"priority\":\"(.)\".*", "$1"))
				.containsExactly("A", "B", "C", "D");
			assertThat(published).extracting(WireRecord::key).containsOnly(id);
			assertThat(published).extracting(record -> record.header("ce_type")).containsOnly(ReprioritisedV1.TYPE);
		});
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.mongo.findById(id, Tally.class).getOutbox()).isEmpty());
	}

	@Test
	void aTopicBoundAsTheServiceStartsCarriesTheRelaysEventsWithoutABindingOfItsOwn() {
		// spring.cloud.stream.output-bindings: bound (the topic looked at, its producer
		// made) before any event.
		assertThat(this.bindings.getProducerBindingNames()).contains(Topics.WAITLIST_EVENTS);
		AbstractMessageChannel bound = this.context.getBean(Topics.WAITLIST_EVENTS, AbstractMessageChannel.class);
		List<Message<?>> carried = new CopyOnWriteArrayList<>();
		ChannelInterceptor seen = new ChannelInterceptor() {
			@Override
			public Message<?> preSend(Message<?> message, MessageChannel channel) {
				carried.add(message);
				return message;
			}
		};
		bound.addInterceptor(seen);
		try {
			String id = "tally-" + UUID.randomUUID();
			this.aggregates.update(Tally.class, id, found -> {
				Tally tally = new Tally(id);
				tally.reprioritise(Priority.A);
				return Outcome.save(tally, true);
			});

			await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
				assertThat(recordsAbout(id)).hasSize(1);
				assertThat(carried).extracting(message -> new String((byte[]) message.getPayload(), UTF_8))
					.anySatisfy(payload -> assertThat(payload).contains(id));
			});
		}
		finally {
			bound.removeInterceptor(seen);
		}
	}

	@Test
	void aCrashBetweenSendingAndRemovingPublishesTheEventAgain() {
		String id = "tally-" + UUID.randomUUID();
		OutboxEvent event = entry(id, ReprioritisedV1.TYPE,
				"{\"referralId\":\"" + id + "\",\"priority\":\"E\",\"reprioritisedAt\":\"2026-11-21T09:00:00Z\"}");
		storeWithOutbox(id, event);

		// The broker takes the event, then the process dies before the removal is
		// written.
		OutboxRelay crashing = relayOn(crashingOnRemovalFrom(this.mongo, id));
		assertThatExceptionOfType(DataAccessResourceFailureException.class).isThrownBy(crashing::relayPending);
		assertThat(this.mongo.findById(id, Tally.class).getOutbox()).extracting(OutboxEvent::eventId)
			.containsExactly(event.eventId());

		// The restarted relay finds the entry by its scan at start.
		relayOn(this.mongo).relayPending();

		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			assertThat(recordsAbout(id)).extracting(record -> record.header("ce_id"))
				.containsExactly(event.eventId(), event.eventId());
			assertThat(this.mongo.findById(id, Tally.class).getOutbox()).isEmpty();
		});
	}

	@Test
	void aPoisonEntryHoldsBackOnlyItsOwnDocumentAndIsReportedWithoutItsData(CapturedOutput output) {
		String poisoned = "tally-" + UUID.randomUUID();
		String healthy = "tally-" + UUID.randomUUID();
		// A type the contract no longer knows (a rolled-back release) can never be sent.
		OutboxEvent poison = entry(poisoned, "ca.aiguillage.withdrawn-from-contract.v1",
				"{\"note\":\"Marie Tremblay\"}");
		OutboxEvent heldBack = entry(poisoned, ReprioritisedV1.TYPE, "{\"referralId\":\"" + poisoned
				+ "\",\"priority\":\"A\",\"reprioritisedAt\":\"2026-11-21T09:00:00Z\"}");
		OutboxEvent other = entry(healthy, ReprioritisedV1.TYPE,
				"{\"referralId\":\"" + healthy + "\",\"priority\":\"B\",\"reprioritisedAt\":\"2026-11-21T09:00:00Z\"}");
		storeWithOutbox(poisoned, poison, heldBack);
		storeWithOutbox(healthy, other);

		this.relay.rescan();
		this.relay.wake();

		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			assertThat(recordsAbout(healthy)).extracting(record -> record.header("ce_id"))
				.containsExactly(other.eventId());
			assertThat(this.mongo.findById(healthy, Tally.class).getOutbox()).isEmpty();
		});
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			assertThat(this.meters.get("aiguillage.outbox.stuck").gauge().value()).isEqualTo(1.0);
			assertThat(output).contains(poison.eventId()).contains(poison.type());
		});
		assertThat(output).doesNotContain("Marie");
		// The subject's order holds: its later event waits behind the stuck one.
		assertThat(this.mongo.findById(poisoned, Tally.class).getOutbox()).extracting(OutboxEvent::eventId)
			.containsExactly(poison.eventId(), heldBack.eventId());
		assertThat(recordsAbout(poisoned)).isEmpty();
		this.mongo.remove(this.mongo.findById(poisoned, Tally.class));
	}

	@Test
	void aRestartedRelayPublishesWhatWasPendingBeforeTheRestart() {
		String id = "tally-" + UUID.randomUUID();
		OutboxEvent event = entry(id, ReprioritisedV1.TYPE,
				"{\"referralId\":\"" + id + "\",\"priority\":\"A\",\"reprioritisedAt\":\"2026-11-21T09:00:00Z\"}");
		storeWithOutbox(id, event);

		// A new relay on the same database: it knows only what its scan at start finds.
		int published = relayOn(this.mongo).relayPending();

		assertThat(published).isEqualTo(1);
		assertThat(this.mongo.findById(id, Tally.class).getOutbox()).isEmpty();
		assertThat(recordsAbout(id)).extracting(record -> record.header("ce_id")).containsExactly(event.eventId());
	}

	@Test
	void aBurstOfSavesIsPublishedAtOnceAndReadOnlyById() throws Exception {
		int writers = 4;
		int savesEach = 25;
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < writers * savesEach; i++) {
			ids.add("tally-" + UUID.randomUUID());
		}
		this.finds.clear();

		ExecutorService pool = Executors.newFixedThreadPool(writers);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int writer = 0; writer < writers; writer++) {
				List<String> mine = ids.subList(writer * savesEach, (writer + 1) * savesEach);
				done.add(pool.submit(() -> mine.forEach(id -> this.aggregates.update(Tally.class, id, found -> {
					Tally tally = new Tally(id);
					tally.reprioritise(Priority.B);
					return Outcome.save(tally, true);
				}))));
			}
			for (Future<?> writer : done) {
				writer.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}

		// The relay polls once a minute here: only the saves' wake-ups publish this fast.
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(ids)
				.allSatisfy(id -> assertThat(this.mongo.findById(id, Tally.class).getOutbox()).isEmpty()));
		assertThat(new KafkaProbe(this.broker.getBrokersAsString()).readAll(Topics.WAITLIST_EVENTS))
			.extracting(WireRecord::key)
			.filteredOn(ids::contains)
			.hasSize(ids.size())
			.doesNotHaveDuplicates();
		assertThat(this.finds.of("tallies")).isNotEmpty().allSatisfy(find -> assertThat(find.byId()).isTrue());
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.meters.get(OutboxRelay.PENDING).gauge().value()).isZero());
	}

	@Test
	void documentsMarkedEarlierGoFirstWhenMoreArePendingThanOneRoundTakes() {
		List<String> first = new ArrayList<>();
		for (int i = 0; i < 250; i++) {
			String id = "tally-" + UUID.randomUUID();
			storeWithOutbox(id, entry(id, ReprioritisedV1.TYPE,
					"{\"referralId\":\"" + id + "\",\"priority\":\"C\",\"reprioritisedAt\":\"2026-11-21T09:00:00Z\"}"));
			first.add(id);
		}
		OutboxRelay restarted = relayOn(this.mongo);
		assertThat(restarted.relayPending()).isEqualTo(200);

		// Saved again before the next round: still after the 50 marked earlier.
		List<String> published = first.stream()
			.filter(id -> this.mongo.findById(id, Tally.class).getOutbox().isEmpty())
			.toList();
		published.forEach(id -> {
			Tally again = this.mongo.findById(id, Tally.class);
			again.addToOutbox(entry(id, ReprioritisedV1.TYPE,
					"{\"referralId\":\"" + id + "\",\"priority\":\"D\",\"reprioritisedAt\":\"2026-11-21T09:00:00Z\"}"));
			this.mongo.save(again);
			restarted.pending("tallies", id);
		});
		restarted.relayPending();

		assertThat(first)
			.allSatisfy(id -> assertThat(this.mongo.findById(id, Tally.class).getOutbox()).hasSizeLessThanOrEqualTo(1));
		assertThat(first.stream().filter(id -> !published.contains(id)))
			.allSatisfy(id -> assertThat(this.mongo.findById(id, Tally.class).getOutbox()).isEmpty());
	}

	@Test
	void everyAggregateCollectionDeclaresAPartialIndexOfItsPendingEntries() {
		List<IndexInfo> indexes = this.mongo.indexOps(Tally.class).getIndexInfo();

		assertThat(indexes).filteredOn(index -> index.getName().equals("outbox_pending"))
			.singleElement()
			.satisfies(index -> {
				assertThat(index.getIndexFields()).extracting(IndexField::getKey).containsExactly("outbox.eventId");
				assertThat(index.getPartialFilterExpression()).contains("outbox.eventId").contains("$exists");
			});
	}

	private List<WireRecord> recordsAbout(String subject) {
		return new KafkaProbe(this.broker.getBrokersAsString()).readAll(Topics.WAITLIST_EVENTS)
			.stream()
			.filter(record -> subject.equals(record.key()))
			.toList();
	}

	private void storeWithOutbox(String id, OutboxEvent... events) {
		Tally tally = new Tally(id);
		for (OutboxEvent event : events) {
			tally.addToOutbox(event);
		}
		// Stored without waking the relay, as if written just before a restart.
		this.mongo.insert(tally);
	}

	private static OutboxEvent entry(String subject, String type, String data) {
		return new OutboxEvent(UUID.randomUUID().toString(), type, Topics.WAITLIST_EVENTS, subject,
				Instant.parse("2026-11-21T09:00:00Z"), data);
	}

	private OutboxRelay relayOn(MongoOperations mongo) {
		return new OutboxRelay(mongo, this.bridge, this.messages, new OutboxSettings(Duration.ofMinutes(1),
				Duration.ofSeconds(1), Duration.ofMinutes(1), 5, Duration.ofHours(1)), Clock.systemUTC(),
				new SimpleMeterRegistry());
	}

	private static MongoOperations crashingOnRemovalFrom(MongoOperations mongo, String id) {
		return (MongoOperations) Proxy.newProxyInstance(MongoOperations.class.getClassLoader(),
				new Class<?>[] { MongoOperations.class }, (proxy, method, args) -> {
					if (method.getName().equals("updateFirst") && args[0].toString().contains(id)) {
						throw new DataAccessResourceFailureException("the process died");
					}
					try {
						return method.invoke(mongo, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

}
