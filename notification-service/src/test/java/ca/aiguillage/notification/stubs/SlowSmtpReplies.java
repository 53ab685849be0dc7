package ca.aiguillage.notification.stubs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP front on loopback before the SMTP server that can hold back the server's reply to
 * the end of one message's data (the {@code 250} after {@code <CRLF>.<CRLF>}): the server
 * has taken the message, the sender does not know it yet. Everything else passes through
 * at once.
 */
public final class SlowSmtpReplies implements AutoCloseable {

	private static final byte[] END_OF_DATA = "\r\n.\r\n".getBytes(StandardCharsets.US_ASCII);

	private final ServerSocket server;

	private final InetSocketAddress target;

	/** How long to hold the reply, by recipient address, for the next message to each. */
	private final Map<String, Duration> holds = new ConcurrentHashMap<>();

	private final AtomicInteger released = new AtomicInteger();

	private SlowSmtpReplies(ServerSocket server, int targetPort) {
		this.server = server;
		this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
		Thread.ofVirtual().name("slow-smtp-accept").start(this::accept);
	}

	/**
	 * Starts a front on a free loopback port.
	 * @param targetPort the SMTP server's loopback port
	 * @return the running front
	 */
	public static SlowSmtpReplies start(int targetPort) {
		try {
			return new SlowSmtpReplies(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.server.getLocalPort();
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

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket upstream = new Socket();
				upstream.connect(this.target, 5000);
				Session session = new Session();
				Thread.ofVirtual().start(() -> pump(client, upstream, session::fromClient));
				Thread.ofVirtual().start(() -> pump(upstream, client, session::fromServer));
			}
			catch (IOException ex) {
				// Closed: the front stops.
				return;
			}
		}
	}

	/** What one connection carries: whose message it is, and whether a reply is held. */
	private final class Session {

		private final StringBuilder seen = new StringBuilder();

		private final AtomicReference<Duration> pending = new AtomicReference<>();

		private final byte[] tail = new byte[END_OF_DATA.length - 1];

		private int tailLength;

		void fromClient(byte[] buffer, int read) {
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

		void fromServer(byte[] buffer, int read) throws InterruptedException {
			Duration hold = this.pending.getAndSet(null);
			if (hold != null) {
				// The fault itself: the server has the message, its reply comes late.
				Thread.sleep(hold);
				SlowSmtpReplies.this.released.incrementAndGet();
			}
		}

	}

	@FunctionalInterface
	private interface Tap {

		void chunk(byte[] buffer, int read) throws InterruptedException;

	}

	private static void pump(Socket from, Socket to, Tap tap) {
		byte[] buffer = new byte[8192];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int read;
			while ((read = in.read(buffer)) >= 0) {
				tap.chunk(buffer, read);
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// One side went away: close both, as a real network would end it.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
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

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Already closed.
		}
	}

	@Override
	public void close() {
		try {
			this.server.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
