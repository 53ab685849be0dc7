package ca.aiguillage.notification.stubs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/** A real HTTP server on loopback, for the stubs of the services notifications call. */
abstract class LoopbackServer {

	private final HttpServer server;

	LoopbackServer(String path) {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		HttpHandler handler = exchange -> {
			try (exchange) {
				handle(exchange);
			}
		};
		this.server.createContext(path, handler);
		// Many threads, so that a deliberately slow answer holds up only its caller.
		this.server.setExecutor(Executors.newCachedThreadPool(work -> {
			Thread thread = new Thread(work, getClass().getSimpleName());
			thread.setDaemon(true);
			return thread;
		}));
		this.server.start();
	}

	abstract void handle(HttpExchange exchange) throws IOException;

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", contentType);
		exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

}
