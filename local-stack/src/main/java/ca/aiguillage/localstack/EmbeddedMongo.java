package ca.aiguillage.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStoreTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded MongoDB wire-protocol server (mongo-java-server) on a durable H2 file: any
 * MongoDB client, and every service, talks to it as to MongoDB.
 */
final class EmbeddedMongo implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

	private final MongoServer server;

	private final String uri;

	private final DurableH2Backend backend;

	private final Path file;

	private EmbeddedMongo(MongoServer server, String uri, DurableH2Backend backend, Path file) {
		this.server = server;
		this.uri = uri;
		this.backend = backend;
		this.file = file;
	}

	static EmbeddedMongo start(Path file, int port) {
		return start(file, port, DurableH2Backend.Durability.configured());
	}

	static EmbeddedMongo start(Path file, int port, DurableH2Backend.Durability durability) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		compact(file);
		DurableH2Backend backend = new DurableH2Backend(file.toAbsolutePath().toString(), durability);
		MongoServer server = new MongoServer(backend);
		server.bind("127.0.0.1", port);
		return new EmbeddedMongo(server, "mongodb://127.0.0.1:" + server.getLocalAddress().getPort(), backend, file);
	}

	/**
	 * H2's store keeps every rewritten chunk until it is compacted, so a file grows with
	 * every update of every document (measured: 230 KB a referral as the stack left it,
	 * 21.7 KB compacted, 7.3 KB compacted with its pages compressed); it is compacted,
	 * compressed, when the store closes and before it is opened. The compacted copy
	 * replaces the file only once complete, so a crash meanwhile leaves the file as it
	 * was.
	 */
	static void compact(Path file) {
		if (Files.exists(file)) {
			MVStoreTool.compact(file.toAbsolutePath().toString(), true);
		}
	}

	String uri() {
		return this.uri;
	}

	DurableH2Backend backend() {
		return this.backend;
	}

	long syncCount() {
		return this.backend.syncCount();
	}

	/**
	 * Stops the server, which closes the store, and compacts the file: a stopped stack's
	 * data directory holds what it would hold after its next start. A compaction that
	 * fails leaves the file as it was, to be compacted at the next start, and does not
	 * stop the rest of the stack from stopping.
	 */
	@Override
	public void close() {
		this.server.shutdown();
		try {
			compact(this.file);
		}
		catch (RuntimeException ex) {
			log.warn("The embedded store's file was not compacted as it stopped; it will be at its next start", ex);
		}
	}

	/**
	 * Runs only the embedded store, as its own process (used to prove durability across
	 * {@code kill -9}).
	 * @param args the H2 file and the port
	 */
	public static void main(String[] args) throws InterruptedException {
		EmbeddedMongo mongo = start(Path.of(args[0]), Integer.parseInt(args[1]));
		Runtime.getRuntime().addShutdownHook(new Thread(mongo::close));
		Thread.currentThread().join();
	}

}
