package ca.aiguillage.localstack;

import java.util.Set;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * The embedded store's H2 file backend, committing each write to the file before it is
 * acknowledged. By default the MVStore buffers recent writes for a second, so an
 * acknowledged referral could be lost to a {@code kill -9}.
 */
final class DurableH2Backend extends H2Backend {

	private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "create",
			"createindexes", "drop", "dropdatabase", "dropindexes", "renamecollection");

	DurableH2Backend(String fileName) {
		super(fileName);
	}

	@Override
	public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
		Document result = super.handleCommand(channel, databaseName, command, query);
		if (WRITES.contains(command.toLowerCase())) {
			commit();
		}
		return result;
	}

}
