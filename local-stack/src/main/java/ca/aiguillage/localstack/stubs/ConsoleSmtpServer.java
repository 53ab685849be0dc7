package ca.aiguillage.localstack.stubs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.mail.internet.MimeUtility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minimal SMTP server on loopback that accepts every message and logs its subject and
 * masked recipients: enough for notification-service to send real SMTP on the local
 * stack. Use Mailpit (docker-compose) to read the messages themselves.
 */
public final class ConsoleSmtpServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ConsoleSmtpServer.class);

	private final ServerSocket socket;

	private final Thread acceptor;

	private final Map<String, Integer> received;

	private ConsoleSmtpServer(ServerSocket socket, Map<String, Integer> received) {
		this.socket = socket;
		this.received = received;
		this.acceptor = new Thread(this::accept, "console-smtp");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	/**
	 * Starts on the port given, or on any free port when that one is taken.
	 * @param port the preferred port
	 * @return the running server
	 */
	public static ConsoleSmtpServer start(int port) {
		return start(port, new ConcurrentHashMap<>());
	}

	/**
	 * Starts on the port given, counting what it takes into a ledger that outlives it (a
	 * server stopped and started again by a fault test).
	 * @param port the preferred port
	 * @param received the counts by Message-ID, shared across restarts
	 * @return the running server
	 */
	public static ConsoleSmtpServer start(int port, Map<String, Integer> received) {
		return new ConsoleSmtpServer(Ports.bind(port), received);
	}

	public int port() {
		return this.socket.getLocalPort();
	}

	private void accept() {
		while (!this.socket.isClosed()) {
			try {
				Socket client = this.socket.accept();
				Thread session = new Thread(() -> converse(client), "console-smtp-session");
				session.setDaemon(true);
				session.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	/** A subject as its reader sees it: encoded words (RFC 2047) decoded. */
	static String readable(String subject) {
		try {
			return MimeUtility.decodeText(MimeUtility.unfold(subject));
		}
		catch (UnsupportedEncodingException ex) {
			return subject;
		}
	}

	private void converse(Socket client) {
		try (client;
				BufferedReader in = new BufferedReader(
						new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
				OutputStream out = client.getOutputStream()) {
			send(out, "220 localhost Aiguillage console SMTP");
			List<String> recipients = new ArrayList<>();
			String subject = "";
			String messageId = "";
			String line;
			while ((line = in.readLine()) != null) {
				String command = line.toUpperCase(java.util.Locale.ROOT);
				if (command.startsWith("EHLO") || command.startsWith("HELO")) {
					send(out, "250 localhost");
				}
				else if (command.startsWith("RCPT TO:")) {
					recipients.add(masked(line.substring(8).trim()));
					send(out, "250 OK");
				}
				else if (command.startsWith("DATA")) {
					send(out, "354 End data with <CR><LF>.<CR><LF>");
					boolean inSubject = false;
					while ((line = in.readLine()) != null && !line.equals(".")) {
						// A long subject is folded on the next lines, each starting with
						// a
						// space.
						if (inSubject && (line.startsWith(" ") || line.startsWith("\t"))) {
							subject += line;
							continue;
						}
						inSubject = false;
						if (line.regionMatches(true, 0, "Subject:", 0, 8) && subject.isEmpty()) {
							subject = line.substring(8).trim();
							inSubject = true;
						}
						if (line.regionMatches(true, 0, "Message-ID:", 0, 11) && messageId.isEmpty()) {
							messageId = line.substring(11).trim().replaceAll("^<|@aiguillage>$|>$", "");
						}
					}
					log.info("Email to {}: {}", recipients, readable(subject));
					this.received.merge(messageId.isEmpty() ? "no-message-id" : messageId, 1, Integer::sum);
					recipients.clear();
					subject = "";
					messageId = "";
					send(out, "250 OK queued");
				}
				else if (command.startsWith("QUIT")) {
					send(out, "221 Bye");
					return;
				}
				else {
					// MAIL FROM, RSET, NOOP and the rest.
					send(out, "250 OK");
				}
			}
		}
		catch (IOException ex) {
			log.debug("SMTP session ended: {}", ex.getMessage());
		}
	}

	/**
	 * How many messages this server took, by Message-ID (notification-service puts the
	 * delivery's id there): more than one for an id is a message sent twice.
	 * @return the counts, {@code no-message-id} for messages without one
	 */
	public Map<String, Integer> received() {
		return Map.copyOf(this.received);
	}

	private static String masked(String address) {
		String bare = address.replaceAll("[<>]", "");
		int at = bare.indexOf('@');
		return (at <= 0) ? "•••" : bare.charAt(0) + "•••" + bare.substring(at);
	}

	private static void send(OutputStream out, String reply) throws IOException {
		out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Binding on loopback, falling back to any free port. */
	static final class Ports {

		private Ports() {
		}

		static ServerSocket bind(int port) {
			try {
				return new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
			}
			catch (IOException taken) {
				try {
					return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}

	}

}
