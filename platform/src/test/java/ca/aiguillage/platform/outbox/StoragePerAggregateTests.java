package ca.aiguillage.platform.outbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.platform.events.CloudEventMessages;
import ca.aiguillage.platform.events.EventJson;
import ca.aiguillage.platform.events.EventSchemas;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.h2.mvstore.MVStoreTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * What one aggregate costs on the local stack's file store (mongo-java-server on an H2
 * MVStore file, opened as the local stack opens it): documents the size of a referral's,
 * each changed by a dozen events, every event through the outbox and the relay's removal.
 * It logs the bytes per aggregate live, after close and compacted.
 */
class StoragePerAggregateTests {

	private static final Logger log = LoggerFactory.getLogger(StoragePerAggregateTests.class);

	private static final int AGGREGATES = 300;

	private static final int CHANGES_EACH = 12;

	// About what a referral's document holds: keyed hashes, encrypted contact details,
	// needs, a timeline.
	private static final String STATE = "x".repeat(2_000);

	@Test
	void everyDocumentIsRelayedAndItsBytesOnTheFileAreReported(@TempDir Path directory) throws IOException {
		Path file = directory.resolve("store.mv");
		H2Backend backend = new H2Backend(file.toString());
		MongoServer server = new MongoServer(backend);
		String uri = "mongodb://" + server.bind().getHostString() + ":" + server.getLocalAddress().getPort();
		try (MongoClient client = MongoClients.create(uri)) {
			MongoTemplate mongo = new MongoTemplate(client, "storage");
			StreamBridge broker = mock(StreamBridge.class);
			given(broker.send(anyString(), any())).willReturn(true);
			EventJson json = new EventJson();
			EventSchemas schemas = new EventSchemas();
			OutboxSettings settings = new OutboxSettings(Duration.ofMinutes(1), Duration.ofSeconds(1),
					Duration.ofMinutes(1), 5, Duration.ofHours(1));
			OutboxRelay relay = new OutboxRelay(mongo, broker, new CloudEventMessages(json, schemas, "storage"),
					settings, Clock.systemUTC(), new SimpleMeterRegistry());
			Aggregates aggregates = new Aggregates(mongo, json, schemas, Clock.systemUTC(), relay,
					new AggregateSettings(200));
			for (int change = 0; change < CHANGES_EACH; change++) {
				for (int i = 0; i < AGGREGATES; i++) {
					String id = "dossier-" + i;
					aggregates.applyOnce(Dossier.class, id, UUID.randomUUID().toString(), () -> new Dossier(id, STATE),
							dossier -> dossier.change(Priority.B));
				}
				while (relay.relayPending() > 0) {
					// Rounds of at most a few hundred documents.
				}
			}
			assertThat(mongo.findAll(Dossier.class)).hasSize(AGGREGATES)
				.allSatisfy(dossier -> assertThat(dossier.getOutbox()).isEmpty())
				.allSatisfy(dossier -> assertThat(dossier.changes()).isEqualTo(CHANGES_EACH));
		}
		backend.commit();
		long live = Files.size(file);
		server.shutdownNow();
		long closed = Files.size(file);
		// Copies the live pages to a new file, as an offline compaction would.
		MVStoreTool.compact(file.toString(), false);
		long compacted = Files.size(file);

		log.info("{} aggregates of {} changes: {} bytes each live, {} after close, {} compacted", AGGREGATES,
				CHANGES_EACH, live / AGGREGATES, closed / AGGREGATES, compacted / AGGREGATES);
		// The MVStore appends every rewrite of a document; how much its background
		// compaction reclaims before the close depends on timing.
		assertThat(compacted).isLessThanOrEqualTo(closed);
		assertThat(compacted / AGGREGATES).isGreaterThan(STATE.length());
	}

}
