package ca.aiguillage.notification.channels;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;

import javax.net.SocketFactory;

/**
 * Makes JavaMail's SMTP connections ({@code mail.smtp.socketFactory}) and remembers the
 * one each thread opened last, so that the wait for the server's reply to the end of a
 * message's data can be longer than the wait for any other reply: RFC 5321 §4.5.3.2.6
 * gives that reply 10 minutes, JavaMail has one read timeout for every reply.
 */
final class SmtpSockets extends SocketFactory {

	private final SocketFactory plain = SocketFactory.getDefault();

	private final ThreadLocal<Socket> current = new ThreadLocal<>();

	@Override
	public Socket createSocket() throws IOException {
		return remembered(this.plain.createSocket());
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return remembered(this.plain.createSocket(host, port));
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		return remembered(this.plain.createSocket(host, port, localHost, localPort));
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return remembered(this.plain.createSocket(host, port));
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		return remembered(this.plain.createSocket(address, port, localAddress, localPort));
	}

	private Socket remembered(Socket socket) {
		this.current.set(socket);
		return socket;
	}

	/**
	 * Waits this long for each next reply on the connection this thread opened last.
	 * @return false when this thread opened none (an SMTPS connection is not made here)
	 */
	boolean waitForReplies(Duration wait) {
		Socket socket = this.current.get();
		if (socket == null || socket.isClosed()) {
			return false;
		}
		try {
			socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, wait.toMillis())));
			return true;
		}
		catch (SocketException ex) {
			return false;
		}
	}

	/** Forgets this thread's connection once its message is sent. */
	void forget() {
		this.current.remove();
	}

}
