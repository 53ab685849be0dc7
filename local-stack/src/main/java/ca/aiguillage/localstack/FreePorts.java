package ca.aiguillage.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Free loopback ports, for servers that must be told their port before they start. A port
 * found free is not held: another process can bind it before the server does. Test JVMs
 * that start stacks side by side therefore each take their ports from a range of their
 * own ({@code -Daiguillage.free-ports=21000-21999}), below the ephemeral ports the system
 * hands out to everything else, so that two of them never pick the same one; without that
 * setting the system picks.
 */
public final class FreePorts {

	/** The setting that gives this JVM its own range, {@code first-last}. */
	public static final String RANGE = "aiguillage.free-ports";

	private static final AtomicInteger handedOut = new AtomicInteger();

	private FreePorts() {
	}

	/**
	 * A loopback port free at the time of the call.
	 * @return the port
	 */
	public static int next() {
		String range = System.getProperty(RANGE, "");
		if (range.isBlank()) {
			return pickedBySystem();
		}
		String[] bounds = range.split("-", 2);
		int first = Integer.parseInt(bounds[0].trim());
		int size = Integer.parseInt(bounds[1].trim()) - first + 1;
		for (int tried = 0; tried < size; tried++) {
			int port = first + Math.floorMod(handedOut.getAndIncrement(), size);
			if (isFree(port)) {
				return port;
			}
		}
		throw new IllegalStateException("No free port left in " + RANGE + " " + range);
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int pickedBySystem() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
