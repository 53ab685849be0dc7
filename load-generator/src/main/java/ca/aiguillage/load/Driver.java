package ca.aiguillage.load;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/** Offers referrals on a schedule, each on a virtual thread of its own. */
final class Driver {

	/**
	 * Beyond this many unanswered, the generator itself is the bottleneck: counted as an
	 * error.
	 */
	private static final int MAX_IN_FLIGHT = 5_000;

	private Driver() {
	}

	/** Submits the n-th referral and says which referral it became. */
	interface Intake {

		/**
		 * @param n the referral's number
		 * @param startNanos when it was offered ({@link System#nanoTime()})
		 * @return the referral id, or {@code null} when it was refused (the intake counts
		 * its error)
		 * @throws Exception when it could not be submitted
		 */
		@Nullable String submit(long n, long startNanos) throws Exception;

	}

	/**
	 * Offers every referral of the schedule and waits for every answer.
	 * @param schedule when
	 * @param intake how
	 * @param errors where failures are counted
	 * @return when each accepted referral was offered, by referral id
	 */
	static Map<String, Long> drive(Schedule schedule, Intake intake, Errors errors) {
		Map<String, Long> started = new ConcurrentHashMap<>();
		Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
		long count = schedule.count();
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			long origin = System.nanoTime();
			for (long n = 0; n < count; n++) {
				long due = origin + schedule.dueNanos(n);
				for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
					LockSupport.parkNanos(wait);
				}
				if (!inFlight.tryAcquire()) {
					errors.add("generator: more than " + MAX_IN_FLIGHT + " unanswered");
					continue;
				}
				long number = n;
				long start = System.nanoTime();
				executor.execute(() -> {
					try {
						String id = intake.submit(number, start);
						if (id != null) {
							started.put(id, start);
						}
					}
					catch (Exception ex) {
						errors.add(ex.getClass().getSimpleName());
					}
					finally {
						inFlight.release();
					}
				});
			}
		}
		return started;
	}

}
