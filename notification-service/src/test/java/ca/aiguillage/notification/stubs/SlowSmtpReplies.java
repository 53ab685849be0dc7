package ca.aiguillage.notification.stubs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import ca.aiguillage.testing.FaultyProxy;

/**
 * A front on loopback before the SMTP server (test-support's {@link FaultyProxy} with a
 * tap) that can hold back the server's reply to the end of one message's data (the
 * {@code 250} after {@code <CRLF>.<CRLF>}): the server has taken the message, the sender
 * does not know it yet. Everything else passes through at once.
 */
public final class SlowSmtpReplies implements AutoCloseable {

	private static final byte[] END_OF_DATA = "\r\n.\r\n".getBytes(StandardCharsets.US_ASCII);

	/** How long to hold the reply, by recipient address, for the next message to each. */
	private final Map<String, Duration> holds = new ConcurrentHashMap<>();

	private final AtomicInteger released = new AtomicInteger();

	private final FaultyProxy proxy;

	private SlowSmtpReplies(int targetPort) {
		this.proxy = FaultyProxy.start(targetPort, Session::new);
	}

	/**
	 * Starts a front on a free loopback port.
	 * @param targetPort the SMTP server's loopback port
	 * @return the running front
	 */
	public static SlowSmtpReplies start(int targetPort) {
		return new SlowSmtpReplies(targetPort);
	}

	public int port() {
		return this.proxy.port();
	}

	/**
	 * Holds back the server's reply to the end of the next message to this address.
	 * @param recipient the address, as in {@code RCPT TO}
	 * @param hold how long
	 */
	public void holdReplyToEndOfData(String recipient, Duration hold) {
		this.holds.put(recipient, hold);
	}

	/**
	 * How many held replies it has let through since it started.
	 * @return the count
	 */
	public int heldRepliesReleased() {
		return this.released.get();
	}

	/** What one connection carries: whose message it is, and whether a reply is held. */
	private final class Session implements FaultyProxy.Tap.Connection {

		private final StringBuilder seen = new StringBuilder();

		private final AtomicReference<Duration> pending = new AtomicReference<>();

		private final byte[] tail = new byte[END_OF_DATA.length - 1];

		private int tailLength;

		@Override
		public void fromClient(byte[] buffer, int read) {
			String text = new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
			this.seen.append(text);
			byte[] joined = new byte[this.tailLength + read];
			System.arraycopy(this.tail, 0, joined, 0, this.tailLength);
			System.arraycopy(buffer, 0, joined, this.tailLength, read);
			if (contains(joined, END_OF_DATA)) {
				SlowSmtpReplies.this.holds.keySet()
					.stream()
					.filter(recipient -> this.seen.indexOf("<" + recipient + ">") >= 0)
					.findFirst()
					.ifPresent(recipient -> this.pending.set(SlowSmtpReplies.this.holds.remove(recipient)));
				this.seen.setLength(0);
			}
			this.tailLength = Math.min(this.tail.length, joined.length);
			System.arraycopy(joined, joined.length - this.tailLength, this.tail, 0, this.tailLength);
		}

		@Override
		public void fromServer(byte[] buffer, int read) throws InterruptedException {
			Duration hold = this.pending.getAndSet(null);
			if (hold != null) {
				// The fault itself: the server has the message, its reply comes late.
				Thread.sleep(hold);
				SlowSmtpReplies.this.released.incrementAndGet();
			}
		}

	}

	private static boolean contains(byte[] data, byte[] pattern) {
		for (int i = 0; i + pattern.length <= data.length; i++) {
			int j = 0;
			while (j < pattern.length && data[i + j] == pattern[j]) {
				j++;
			}
			if (j == pattern.length) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void close() {
		this.proxy.close();
	}

}
