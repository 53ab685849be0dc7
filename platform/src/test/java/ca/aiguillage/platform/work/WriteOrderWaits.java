package ca.aiguillage.platform.work;

import java.util.Arrays;

/** Whether a thread is parked waiting for a {@link WriteOrder} stripe another holds. */
public final class WriteOrderWaits {

	private WriteOrderWaits() {
	}

	/**
	 * @param thread the thread, or null when it has not started yet
	 * @return true when it waits inside {@link WriteOrder#of}
	 */
	public static boolean waitsInOrder(Thread thread) {
		return thread != null && thread.getState() == Thread.State.WAITING
				&& Arrays.stream(thread.getStackTrace())
					.anyMatch(frame -> frame.getClassName().equals(WriteOrder.class.getName())
							&& frame.getMethodName().equals("of"));
	}

}
