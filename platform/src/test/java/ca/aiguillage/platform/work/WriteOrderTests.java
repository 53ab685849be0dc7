package ca.aiguillage.platform.work;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WriteOrderTests {

	@Test
	void twoThreadsEachWritingOneDocumentInsideTheOtherDocumentsWriteBothFinish() throws Exception {
		WriteOrder order = new WriteOrder();
		CountDownLatch bothInside = new CountDownLatch(2);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			CompletableFuture<String> first = CompletableFuture
				.supplyAsync(() -> order.of("a", () -> nested(order, bothInside, "b")), threads);
			CompletableFuture<String> second = CompletableFuture
				.supplyAsync(() -> order.of("b", () -> nested(order, bothInside, "a")), threads);

			assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("wrote b");
			assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo("wrote a");
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void aSecondWriteOfTheSameDocumentWaitsForTheFirstToFinish() throws Exception {
		WriteOrder order = new WriteOrder();
		ExecutorService threads = Executors.newFixedThreadPool(2);
		CountDownLatch firstInside = new CountDownLatch(1);
		CountDownLatch firstMayEnd = new CountDownLatch(1);
		StringBuilder heard = new StringBuilder();
		CompletableFuture<Void> first = CompletableFuture.runAsync(() -> order.of("same", () -> {
			firstInside.countDown();
			awaitQuietly(firstMayEnd);
			return heard.append("first,");
		}), threads);
		assertThat(firstInside.await(30, TimeUnit.SECONDS)).isTrue();
		Thread[] secondThread = new Thread[1];
		CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
			secondThread[0] = Thread.currentThread();
			order.of("same", () -> heard.append("second"));
		}, threads);

		// The second either wrote while the first was inside, or waits for it.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> second.isDone() || WriteOrderWaits.waitsInOrder(secondThread[0]));
		firstMayEnd.countDown();
		first.get(30, TimeUnit.SECONDS);
		second.get(30, TimeUnit.SECONDS);
		threads.shutdown();
		assertThat(heard).hasToString("first,second");
	}

	private static String nested(WriteOrder order, CountDownLatch bothInside, String other) {
		bothInside.countDown();
		awaitQuietly(bothInside);
		return order.of(other, () -> "wrote " + other);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
