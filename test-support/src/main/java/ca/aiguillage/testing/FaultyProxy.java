package ca.aiguillage.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback that can fail on purpose, to put between a service and its
 * database or broker: {@link #cut()} drops every connection and refuses new ones until
 * {@link #restore()}, {@link #delay(Duration)} holds each chunk of bytes back, and
 * {@link #throttle(int)} limits each direction of each connection to a number of bytes a
 * second. A {@link Tap} sees each connection's bytes as they pass and may hold them back,
 * for a fault of one protocol's own (a reply held after the end of a message's data). One
 * thread per direction of each connection (virtual threads).
 */
public final class FaultyProxy implements AutoCloseable {

	private static final int CHUNK = 8192;

	private final ServerSocket server;

	private final InetSocketAddress target;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final AtomicInteger accepted = new AtomicInteger();

	private final AtomicLong delayMillis = new AtomicLong();

	private final AtomicInteger bytesPerSecond = new AtomicInteger();

	private volatile boolean cut;

	private final Tap tap;

	private FaultyProxy(ServerSocket server, InetSocketAddress target, Tap tap) {
		this.server = server;
		this.target = target;
		this.tap = tap;
		Thread.ofVirtual().name("faulty-proxy-accept-" + server.getLocalPort()).start(this::accept);
	}

	/**
	 * Starts a proxy on a free loopback port.
	 * @param targetPort the loopback port it forwards to
	 * @return the running proxy
	 */
	public static FaultyProxy start(int targetPort) {
		return start(0, targetPort);
	}

	/**
	 * Starts a proxy on a given loopback port.
	 * @param port the port it listens on (0 for a free one)
	 * @param targetPort the loopback port it forwards to
	 * @return the running proxy
	 */
	public static FaultyProxy start(int port, int targetPort) {
		return start(port, targetPort, Tap.NONE);
	}

	/**
	 * Starts a proxy on a free loopback port with a tap on every connection.
	 * @param targetPort the loopback port it forwards to
	 * @param tap what sees, and may hold back, each connection's bytes
	 * @return the running proxy
	 */
	public static FaultyProxy start(int targetPort, Tap tap) {
		return start(0, targetPort, tap);
	}

	private static FaultyProxy start(int port, int targetPort, Tap tap) {
		try {
			ServerSocket server = new ServerSocket();
			server.setReuseAddress(true);
			server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
			return new FaultyProxy(server, new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), tap);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/**
	 * How many connections it accepted and forwarded since it started.
	 * @return the count
	 */
	public int connectionsAccepted() {
		return this.accepted.get();
	}

	/**
	 * Drops every open connection (as a network cut or a dead peer would) and closes each
	 * new one at once until {@link #restore()}.
	 */
	public void cut() {
		this.cut = true;
		this.open.forEach(FaultyProxy::closeQuietly);
		this.open.clear();
	}

	/** Forwards again, at full speed and without delay. */
	public void restore() {
		this.delayMillis.set(0);
		this.bytesPerSecond.set(0);
		this.cut = false;
	}

	/**
	 * Holds each chunk of bytes back before forwarding it, in both directions.
	 * @param delay how long (zero for none)
	 */
	public void delay(Duration delay) {
		this.delayMillis.set(delay.toMillis());
	}

	/**
	 * Limits each direction of each connection.
	 * @param bytesPerSecond the rate (0 for no limit)
	 */
	public void throttle(int bytesPerSecond) {
		this.bytesPerSecond.set(bytesPerSecond);
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				if (this.cut) {
					closeQuietly(client);
					continue;
				}
				Socket upstream = new Socket();
				try {
					upstream.connect(this.target, 5000);
				}
				catch (IOException ex) {
					// The target is down: the client sees its connection dropped.
					closeQuietly(client);
					closeQuietly(upstream);
					continue;
				}
				this.accepted.incrementAndGet();
				this.open.add(client);
				this.open.add(upstream);
				Tap.Connection connection = this.tap.connected();
				Thread.ofVirtual().start(() -> pump(client, upstream, connection::fromClient));
				Thread.ofVirtual().start(() -> pump(upstream, client, connection::fromServer));
			}
			catch (IOException ex) {
				// Closed: the proxy stops.
				return;
			}
		}
	}

	private void pump(Socket from, Socket to, Chunks tapped) {
		byte[] buffer = new byte[CHUNK];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			while (!this.cut) {
				int limit = this.bytesPerSecond.get();
				int read = in.read(buffer, 0, (limit > 0) ? Math.max(1, Math.min(CHUNK, limit / 10)) : CHUNK);
				if (read < 0 || this.cut) {
					break;
				}
				tapped.passing(buffer, read);
				// The rate now, not when the read began: a throttle set meanwhile
				// applies.
				int rate = this.bytesPerSecond.get();
				long hold = this.delayMillis.get() + ((rate > 0) ? read * 1000L / rate : 0);
				if (hold > 0) {
					// The fault itself: these bytes arrive late.
					Thread.sleep(hold);
				}
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
			this.open.remove(from);
			this.open.remove(to);
		}
	}

	/**
	 * Sees the bytes of each connection as they pass, before the proxy's own delay and
	 * throttle, and may hold them back by blocking.
	 */
	@FunctionalInterface
	public interface Tap {

		/** A tap that sees nothing. */
		Tap NONE = () -> new Connection() {
		};

		/**
		 * Called once for each new connection, before any of its bytes pass.
		 * @return what sees that connection's bytes
		 */
		Connection connected();

		/** One connection's view; each direction calls from its own thread. */
		interface Connection {

			/**
			 * Bytes from the client, about to go to the target.
			 * @param buffer the bytes, valid until this returns
			 * @param length how many of them
			 * @throws InterruptedException when the proxy stops while it holds them
			 */
			default void fromClient(byte[] buffer, int length) throws InterruptedException {
			}

			/**
			 * Bytes from the target, about to go to the client.
			 * @param buffer the bytes, valid until this returns
			 * @param length how many of them
			 * @throws InterruptedException when the proxy stops while it holds them
			 */
			default void fromServer(byte[] buffer, int length) throws InterruptedException {
			}

		}

	}

	@FunctionalInterface
	private interface Chunks {

		void passing(byte[] buffer, int length) throws InterruptedException;

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
		cut();
		try {
			this.server.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
