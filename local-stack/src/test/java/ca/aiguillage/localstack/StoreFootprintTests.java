package ca.aiguillage.localstack;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class StoreFootprintTests {

	private static final SecureRandom RANDOM = new SecureRandom();

	@TempDir
	Path data;

	@Test
	void theChunksOfARunningStoresFileAreCountedAndTheirPagesNamedMapByMap() {
		Path file = this.data.resolve("store.mv");
		EmbeddedMongo mongo = EmbeddedMongo.start(file, 0, DurableH2Backend.Durability.COMMIT);
		try (MongoClient client = MongoClients.create(mongo.uri())) {
			MongoCollection<Document> notes = client.getDatabase("footprint").getCollection("notes");
			for (int i = 0; i < 50; i++) {
				notes.insertOne(new Document("_id", "note-" + i).append("version", 0).append("text", incompressible()));
			}
			for (int version = 1; version <= 10; version++) {
				for (int i = 0; i < 50; i++) {
					notes.updateOne(new Document("_id", "note-" + i),
							new Document("$set", new Document("version", version)));
				}
			}

			// Read while the store runs, as a copy of a running stack's file: every write
			// committed a chunk, and none is old enough to be dropped yet.
			StoreFootprint.Chunks chunks = StoreFootprint.chunks(file);

			assertThat(chunks.chunks()).isGreaterThanOrEqualTo(550);
			assertThat(chunks.maps()).extracting(StoreFootprint.MapPages::name)
				.contains("footprint.notes", StoreFootprint.BOOKS);
			StoreFootprint.MapPages notePages = chunks.maps()
				.stream()
				.filter((map) -> map.name().equals("footprint.notes"))
				.findFirst()
				.orElseThrow();
			// Each update rewrote the leaf holding its note: 550 writes of 2,000 random
			// characters or more.
			assertThat(notePages.bytes()).isGreaterThan(550L * 2_000);
			assertThat(chunks.maps()).isSortedAccordingTo((left, right) -> Long.compare(right.bytes(), left.bytes()));
		}
		finally {
			mongo.close();
		}
	}

	private static String incompressible() {
		byte[] bytes = new byte[1_500];
		RANDOM.nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

}
