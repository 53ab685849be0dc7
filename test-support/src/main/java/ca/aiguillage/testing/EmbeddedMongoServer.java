package ca.aiguillage.testing;

import de.bwaldvogel.mongo.MongoServer;

/**
 * One in-memory MongoDB wire-protocol server for the whole test JVM, on a free loopback
 * port, whose reads see whole writes ({@link SnapshotMemoryBackend}).
 */
public final class EmbeddedMongoServer {

	private static MongoServer server;

	private EmbeddedMongoServer() {
	}

	/**
	 * The server's connection string, starting it on first use.
	 * @return a {@code mongodb://} URI on loopback
	 */
	public static synchronized String uri() {
		if (server == null) {
			server = new MongoServer(new SnapshotMemoryBackend());
			server.bind("127.0.0.1", 0);
			Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
		}
		return server.getConnectionString();
	}

}
