package ca.aiguillage.notification.channels;

import java.time.Duration;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * How long the sender of one delivery may still take: the dispatcher opens a window as
 * long as the delivery's lease, less a margin to record the outcome, around each send.
 * The guards start no further attempt, and the email channel waits for no reply, past its
 * end, so that no send outlives its lease and is made again by another sender.
 */
public final class SendWindow {

	private static final ScopedValue<Long> DEADLINE = ScopedValue.newInstance();

	private SendWindow() {
	}

	/**
	 * Runs a send within a window.
	 * @param length how long the send may take in all
	 * @param send the send
	 * @param <T> its result
	 * @return the send's result
	 */
	public static <T> T within(Duration length, Supplier<T> send) {
		return ScopedValue.where(DEADLINE, System.nanoTime() + length.toNanos()).call(send::get);
	}

	/**
	 * What is left of the current window.
	 * @return the time left, zero once it closed, or null outside any window
	 */
	static @Nullable Duration remaining() {
		if (!DEADLINE.isBound()) {
			return null;
		}
		long left = DEADLINE.get() - System.nanoTime();
		return Duration.ofNanos(Math.max(0, left));
	}

}
