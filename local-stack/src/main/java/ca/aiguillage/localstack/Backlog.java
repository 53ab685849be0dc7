package ca.aiguillage.localstack;

import java.time.Duration;
import java.util.Map;

import ca.aiguillage.load.ConsumerGroupLag;

/**
 * What the running services have yet to read: records published to their topics past the
 * offsets their consumer groups committed. The demo history waits for it to empty before
 * its clock moves on, so that a busy machine plays the same history as an idle one, only
 * slower.
 */
final class Backlog implements AutoCloseable {

	private static final Duration LOOK_AGAIN = Duration.ofMillis(20);

	private final ConsumerGroupLag lag;

	Backlog(Map<String, Object> administrator) {
		this.lag = new ConsumerGroupLag(administrator);
	}

	/**
	 * Returns once the services read everything published, or after {@code atMost}; a
	 * broker too busy to say goes on as if they had not.
	 * @param atMost how long to wait at most
	 * @return whether they did
	 */
	boolean awaitEmpty(Duration atMost) {
		long deadline = System.nanoTime() + atMost.toNanos();
		while (recordsOrUnknown() != 0) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			try {
				Thread.sleep(LOOK_AGAIN);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

	private long recordsOrUnknown() {
		try {
			return records();
		}
		catch (IllegalStateException ex) {
			return -1;
		}
	}

	/**
	 * The records the groups with members have yet to commit.
	 * @return how many
	 * @throws IllegalStateException when the broker did not say
	 */
	long records() {
		return this.lag.total();
	}

	@Override
	public void close() {
		this.lag.close();
	}

}
