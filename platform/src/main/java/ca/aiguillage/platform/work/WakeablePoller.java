package ca.aiguillage.platform.work;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import ca.aiguillage.platform.logging.LogText;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Work that looks for something to do every interval, or at once when woken, on one
 * daemon thread of its own, as long as the application runs: the outbox relay,
 * notification-service's dispatcher. A failed round is logged and tried again at the
 * next.
 */
public abstract class WakeablePoller implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(WakeablePoller.class);

	private final Semaphore wakeUp = new Semaphore(0);

	private volatile boolean running;

	private @Nullable Thread worker;

	/**
	 * Does one round of work.
	 */
	protected abstract void pollOnce();

	/**
	 * How long to wait between rounds when nobody wakes the poller.
	 * @return the interval
	 */
	protected abstract Duration pollInterval();

	/**
	 * The worker thread's name, as seen in thread dumps.
	 * @return the name
	 */
	protected abstract String threadName();

	/** Asks for a round now rather than at the next interval. */
	public void wake() {
		this.wakeUp.release();
	}

	private void loop() {
		while (this.running) {
			try {
				pollOnce();
			}
			catch (RuntimeException ex) {
				log.warn("{} will retry: {}", threadName(), LogText.of(ex.getMessage()));
			}
			try {
				if (this.wakeUp.tryAcquire(pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
					this.wakeUp.drainPermits();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@Override
	public void start() {
		this.running = true;
		Thread thread = new Thread(this::loop, threadName());
		thread.setDaemon(true);
		thread.start();
		this.worker = thread;
	}

	@Override
	public void stop() {
		this.running = false;
		Thread thread = this.worker;
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
