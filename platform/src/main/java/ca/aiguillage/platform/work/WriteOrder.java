package ca.aiguillage.platform.work;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Keeps the writes of one document by this instance, and what each tells its in-memory
 * work lists, in the order they were written. Two threads writing the same document one
 * after the other could otherwise tell a due list in the other order, leaving it with the
 * older state: a delivery or timer then waits for the safety-net scan. A conditional
 * write of a document can only succeed after the write before it, so a writer that holds
 * the document's lock from its write until its work lists have heard of it keeps them in
 * order. Locks are striped by id; a thread holds one at most, and a write nested in one
 * it is already doing goes unlocked rather than risk a deadlock between two stripes.
 */
public final class WriteOrder {

	private static final int STRIPES = 1024;

	/** The stripe the current thread holds, of any instance. */
	private static final ThreadLocal<ReentrantLock> HELD = new ThreadLocal<>();

	private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

	public WriteOrder() {
		for (int i = 0; i < STRIPES; i++) {
			this.stripes[i] = new ReentrantLock();
		}
	}

	/**
	 * Runs a write of one document and what it tells the work lists, in order with this
	 * instance's other writes of it.
	 * @param id the document's id
	 * @param write the write, then the telling
	 * @param <R> the answer's type
	 * @return what the write answered
	 */
	public <R> R of(String id, Supplier<R> write) {
		if (HELD.get() != null) {
			return write.get();
		}
		ReentrantLock stripe = this.stripes[Math.floorMod(id.hashCode(), STRIPES)];
		stripe.lock();
		HELD.set(stripe);
		try {
			return write.get();
		}
		finally {
			HELD.remove();
			stripe.unlock();
		}
	}

}
