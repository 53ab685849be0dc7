package ca.aiguillage.platform.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.waitlist.ReprioritisedV1;
import ca.aiguillage.platform.PlatformIntegrationTest;
import ca.aiguillage.platform.work.WriteOrderWaits;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

@PlatformIntegrationTest
class AggregatesIntegrationTests {

	@Autowired
	Aggregates aggregates;

	@Autowired
	MongoOperations mongo;

	@Test
	void concurrentWritersEachApplyTheirChangeExactlyOnce() throws Exception {
		String id = newId();
		this.aggregates.update(Tally.class, id, found -> Outcome.save(new Tally(id), true));
		int writers = 4;
		int changesEach = 10;
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int writer = 0; writer < writers; writer++) {
				done.add(pool.submit(() -> {
					for (int change = 0; change < changesEach; change++) {
						this.aggregates.updateIfPresent(Tally.class, id, tally -> {
							tally.reprioritise(Priority.B);
							return true;
						});
					}
				}));
			}
			for (Future<?> writer : done) {
				writer.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		Tally stored = this.mongo.findById(id, Tally.class);
		assertThat(stored.count()).isEqualTo(writers * changesEach);
		assertThat(stored.getVersion()).isNotNull();
	}

	@Test
	void aDuplicateKeyOnANewDocumentDecidesAgainOnTheStoredOne() throws Exception {
		String id = newId();
		CountDownLatch bothSawNothing = new CountDownLatch(2);
		// What each decision saw: empty, or the stored tally.
		List<Boolean> decisions = new CopyOnWriteArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<String>> answers = new ArrayList<>();
			for (int writer = 0; writer < 2; writer++) {
				answers.add(pool.submit(() -> this.aggregates.update(Tally.class, id, found -> {
					decisions.add(found.isPresent());
					if (found.isEmpty()) {
						// Both writers decide on an empty store, so one insert must lose.
						bothSawNothing.countDown();
						awaitQuietly(bothSawNothing);
					}
					Tally tally = found.orElseGet(() -> new Tally(id));
					tally.reprioritise(Priority.C);
					return Outcome.save(tally, found.isPresent() ? "changed" : "created");
				})));
			}
			List<String> answered = new ArrayList<>();
			for (Future<String> answer : answers) {
				answered.add(answer.get(30, TimeUnit.SECONDS));
			}
			assertThat(answered).containsExactlyInAnyOrder("created", "changed");
		}
		finally {
			pool.shutdownNow();
		}
		// Both decided on the empty store; the one whose insert lost decided again on the
		// stored tally (once more if the relay's write of the first came between).
		assertThat(decisions).hasSizeGreaterThanOrEqualTo(3);
		assertThat(decisions.subList(0, 2)).containsOnly(false);
		assertThat(decisions.subList(2, decisions.size())).containsOnly(true);
		assertThat(this.mongo.findById(id, Tally.class).count()).isEqualTo(2);
	}

	@Test
	void anUnchangedOutcomeAnswersAndWritesNothing() {
		String id = newId();
		Tally created = this.aggregates.update(Tally.class, id, found -> {
			Tally tally = new Tally(id);
			return Outcome.save(tally, tally);
		});
		Long version = this.mongo.findById(id, Tally.class).getVersion();

		String answer = this.aggregates.update(Tally.class, id, found -> {
			found.orElseThrow().reprioritise(Priority.A);
			return Outcome.unchanged("nothing to do");
		});

		assertThat(answer).isEqualTo("nothing to do");
		Tally stored = this.mongo.findById(id, Tally.class);
		assertThat(stored.getVersion()).isEqualTo(version).isEqualTo(created.getVersion());
		assertThat(stored.count()).isZero();
	}

	@Test
	void updateIfPresentCreatesNothingWhenThereIsNoAggregate() {
		String id = newId();

		Optional<Tally> saved = this.aggregates.updateIfPresent(Tally.class, id, tally -> {
			tally.reprioritise(Priority.A);
			return true;
		});

		assertThat(saved).isEmpty();
		assertThat(this.mongo.findById(id, Tally.class)).isNull();
	}

	@Test
	void updateIfPresentWritesNothingWhenTheChangeDeclines() {
		String id = newId();
		this.aggregates.update(Tally.class, id, found -> Outcome.save(new Tally(id), true));
		Long version = this.mongo.findById(id, Tally.class).getVersion();

		Optional<Tally> saved = this.aggregates.updateIfPresent(Tally.class, id, tally -> false);

		assertThat(saved).isEmpty();
		assertThat(this.mongo.findById(id, Tally.class).getVersion()).isEqualTo(version);
	}

	@Test
	void aRedeliveredEventIsAppliedOnce() {
		String id = newId();
		String eventId = UUID.randomUUID().toString();

		boolean first = this.aggregates.applyOnce(Tally.class, id, eventId, () -> new Tally(id),
				tally -> tally.reprioritise(Priority.D));
		boolean second = this.aggregates.applyOnce(Tally.class, id, eventId, () -> new Tally(id),
				tally -> tally.reprioritise(Priority.D));

		assertThat(first).isTrue();
		assertThat(second).isFalse();
		Tally stored = this.mongo.findById(id, Tally.class);
		assertThat(stored.count()).isEqualTo(1);
		assertThat(stored.hasApplied(eventId)).isTrue();
	}

	@Test
	void aRedeliveredEventWhoseWriteLandedUnacknowledgedTellsTheWorkListsAgain() {
		String id = newId();
		String eventId = UUID.randomUUID().toString();
		List<Tally> told = new CopyOnWriteArrayList<>();
		this.aggregates.afterSave(Tally.class, saved -> {
			if (saved.getId().equals(id)) {
				told.add(saved);
			}
		});
		// The database applied the write, then the connection broke before it answered:
		// the consumer saw a failure, so no work list heard of the change.
		Tally landed = new Tally(id);
		landed.reprioritise(Priority.D);
		landed.drainRaised();
		landed.markApplied(eventId, 20);
		this.mongo.save(landed);

		boolean again = this.aggregates.applyOnce(Tally.class, id, eventId, () -> new Tally(id),
				tally -> tally.reprioritise(Priority.D));

		assertThat(again).isFalse();
		assertThat(told).singleElement().satisfies(tally -> assertThat(tally.count()).isEqualTo(1));
		assertThat(this.mongo.findById(id, Tally.class).count()).isEqualTo(1);
	}

	@Test
	void theWorkListsHearTheSavesOfOneAggregateInTheOrderTheyWereWritten() throws Exception {
		String id = newId();
		this.aggregates.update(Tally.class, id, found -> Outcome.save(new Tally(id), true));
		List<Integer> heard = new CopyOnWriteArrayList<>();
		CountDownLatch firstHeard = new CountDownLatch(1);
		CountDownLatch goOn = new CountDownLatch(1);
		this.aggregates.afterSave(Tally.class, saved -> {
			if (saved.getId().equals(id)) {
				if (saved.count() == 1) {
					// The first writer's thread is held between its write and its
					// listeners, as a busy machine may hold it.
					firstHeard.countDown();
					awaitQuietly(goOn);
				}
				heard.add(saved.count());
			}
		});
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Future<?> first = pool.submit(() -> this.aggregates.updateIfPresent(Tally.class, id, tally -> {
				tally.reprioritise(Priority.A);
				return true;
			}));
			assertThat(firstHeard.await(30, TimeUnit.SECONDS)).isTrue();
			Thread[] secondThread = new Thread[1];
			Future<?> second = pool.submit(() -> {
				secondThread[0] = Thread.currentThread();
				this.aggregates.updateIfPresent(Tally.class, id, tally -> {
					tally.reprioritise(Priority.B);
					return true;
				});
			});
			// The second write either lands while the first writer is held (the
			// listeners would then hear it first), or waits for the first's listeners.
			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.mongo.findById(id, Tally.class).count() == 2
						|| WriteOrderWaits.waitsInOrder(secondThread[0]));
			goOn.countDown();
			first.get(30, TimeUnit.SECONDS);
			second.get(30, TimeUnit.SECONDS);
		}
		finally {
			goOn.countDown();
			pool.shutdownNow();
		}
		assertThat(this.mongo.findById(id, Tally.class).count()).isEqualTo(2);
		assertThat(heard).containsExactly(1, 2);
	}

	@Test
	void aWorkListToldAgainHearsTheAggregateAsItIsStoredNow() {
		String id = newId();
		List<Integer> heard = new CopyOnWriteArrayList<>();
		this.aggregates.afterSave(Tally.class, saved -> {
			if (saved.getId().equals(id)) {
				heard.add(saved.count());
			}
		});
		Tally landed = new Tally(id);
		landed.reprioritise(Priority.D);
		landed.reprioritise(Priority.C);
		landed.drainRaised();
		this.mongo.save(landed);

		this.aggregates.announceStored(Tally.class, id);
		this.aggregates.announceStored(Tally.class, newId());

		assertThat(heard).containsExactly(2);
	}

	@Test
	void anAggregateKeepsOnlyItsLatestAppliedEventIdsOldestDroppedFirst() {
		String id = newId();
		List<String> eventIds = IntStream.range(0, 25).mapToObj(i -> UUID.randomUUID().toString()).toList();

		eventIds.forEach(eventId -> this.aggregates.applyOnce(Tally.class, id, eventId, () -> new Tally(id),
				tally -> tally.reprioritise(Priority.A)));

		// The test context keeps 20.
		Tally stored = this.mongo.findById(id, Tally.class);
		assertThat(stored.appliedEventIds()).containsExactlyElementsOf(eventIds.subList(5, 25));
		assertThat(stored.count()).isEqualTo(25);
		boolean oldestKept = this.aggregates.applyOnce(Tally.class, id, eventIds.get(5), () -> new Tally(id),
				tally -> tally.reprioritise(Priority.A));
		boolean latest = this.aggregates.applyOnce(Tally.class, id, eventIds.get(24), () -> new Tally(id),
				tally -> tally.reprioritise(Priority.A));
		assertThat(oldestKept).isFalse();
		assertThat(latest).isFalse();
		assertThat(this.mongo.findById(id, Tally.class).count()).isEqualTo(25);
	}

	@Test
	void anEventThatBreaksItsSchemaIsRefusedAndNothingIsWritten() {
		// A space is outside the id pattern of every event schema.
		String id = "tally " + UUID.randomUUID();

		assertThatExceptionOfType(EventRefusedException.class)
			.isThrownBy(() -> this.aggregates.update(Tally.class, id, found -> {
				Tally tally = new Tally(id);
				tally.reprioritise(Priority.A);
				return Outcome.save(tally, true);
			}))
			.withMessageContaining(ReprioritisedV1.TYPE)
			.withMessageContaining("/referralId")
			.withMessageContaining("pattern")
			.withMessageNotContaining(id)
			.satisfies(refused -> assertThat(refused.violations()).extracting("keyword").contains("pattern"));
		assertThat(this.mongo.findById(id, Tally.class)).isNull();
	}

	private static String newId() {
		return "tally-" + UUID.randomUUID();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
