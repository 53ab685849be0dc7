package ca.aiguillage.platform.outbox;

import ca.aiguillage.testing.EmbeddedMongoServer;
import ca.aiguillage.testing.HalfWrittenReads;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test store every service's tests run on: a read sees a whole write or none of it,
 * as {@link Aggregates#update}'s version check needs (a read that saw a new version with
 * the old content let two senders of one notification case both write, and one lost its
 * change), and the writes that find their documents by a query still change them.
 */
class EmbeddedStoreReadsTests {

	private final MongoClient client = MongoClients.create(EmbeddedMongoServer.uri());

	private final MongoCollection<Document> collection = this.client.getDatabase("reads")
		.getCollection("probe-" + System.nanoTime(), Document.class);

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void aReadNeverSeesHalfOfAWrite() throws Exception {
		assertThat(HalfWrittenReads.count(this.collection, 2_000)).isZero();
	}

	@Test
	void aFindAndModifyChangesTheStoredDocumentAndAnswersItsNewState() {
		this.collection.insertOne(new Document("_id", "partner").append("secret", null));

		Document answered = this.collection.findOneAndUpdate(Filters.eq("_id", "partner"),
				Updates.set("secret", "whsec_1"), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
		Document created = this.collection.findOneAndUpdate(Filters.eq("_id", "new-partner"),
				Updates.set("secret", "whsec_2"),
				new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));

		assertThat(answered.getString("secret")).isEqualTo("whsec_1");
		assertThat(created.getString("secret")).isEqualTo("whsec_2");
		assertThat(this.collection.find(Filters.eq("_id", "partner")).first().getString("secret")).isEqualTo("whsec_1");
		assertThat(this.collection.find(Filters.eq("_id", "new-partner")).first().getString("secret"))
			.isEqualTo("whsec_2");
	}

	@Test
	void aDeleteByQueryRemovesTheStoredDocuments() {
		this.collection.insertOne(new Document("_id", "kept").append("closed", false));
		this.collection.insertOne(new Document("_id", "erased").append("closed", true));

		this.collection.deleteMany(Filters.eq("closed", true));
		this.collection.findOneAndDelete(Filters.eq("_id", "kept"));

		assertThat(this.collection.countDocuments()).isZero();
	}

}
