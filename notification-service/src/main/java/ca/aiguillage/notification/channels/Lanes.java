package ca.aiguillage.notification.channels;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.DisposableBean;

/**
 * One small bounded queue and worker per destination (the SMTP server, the SMS provider,
 * each partner endpoint): a slow endpoint fills its own lane and holds up nothing else.
 */
public final class Lanes implements DisposableBean {

	private final Map<String, ThreadPoolExecutor> lanes = new ConcurrentHashMap<>();

	private final int capacity;

	public Lanes(int capacity) {
		this.capacity = capacity;
	}

	/**
	 * Queues work on a destination's lane.
	 * @param lane the destination
	 * @return false when the lane is full: the work stays due and is offered again later
	 */
	public boolean offer(String lane, Runnable work) {
		try {
			this.lanes.computeIfAbsent(lane, this::open).execute(work);
			return true;
		}
		catch (RejectedExecutionException ex) {
			return false;
		}
	}

	private ThreadPoolExecutor open(String lane) {
		AtomicInteger count = new AtomicInteger();
		ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(this.capacity), work -> {
					Thread thread = new Thread(work,
							"lane-" + lane.replaceAll("[^A-Za-z0-9.:-]", "_") + "-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	@Override
	public void destroy() {
		this.lanes.values().forEach(ThreadPoolExecutor::shutdownNow);
	}

}
