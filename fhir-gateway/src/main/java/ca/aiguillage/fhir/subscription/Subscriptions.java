package ca.aiguillage.fhir.subscription;

import java.net.URI;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.bson.Document;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Partners' subscriptions: endpoint, signing secret and how many notifications were sent,
 * one document each.
 */
@Repository
class Subscriptions {

	static final String COLLECTION = "subscriptions";

	private final MongoOperations mongo;

	private final Clock clock;

	Subscriptions(MongoOperations mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
		// A real MongoDB needs it to find a partner's subscriptions; the embedded store
		// scans.
		mongo.indexOps(COLLECTION).createIndex(new Index().on("partnerId", Sort.Direction.ASC));
	}

	Entry create(String partnerId, URI endpoint, String secret) {
		Entry entry = new Entry(UUID.randomUUID().toString(), partnerId, endpoint, secret, 0);
		this.mongo.insert(new Document("_id", entry.id()).append("partnerId", partnerId)
			.append("endpoint", endpoint.toString())
			.append("secret", secret)
			.append("events", 0L)
			.append("createdAt", Date.from(this.clock.instant())), COLLECTION);
		return entry;
	}

	Optional<Entry> find(String id) {
		return Optional.ofNullable(this.mongo.findById(id, Document.class, COLLECTION)).map(Subscriptions::entry);
	}

	List<Entry> of(String partnerId) {
		return this.mongo.find(query(where("partnerId").is(partnerId)), Document.class, COLLECTION)
			.stream()
			.map(Subscriptions::entry)
			.toList();
	}

	/**
	 * Counts one more notification, atomically.
	 * @param id the subscription
	 * @return its number since the subscription started
	 */
	long nextEvent(String id) {
		Document counted = this.mongo.findAndModify(query(where("_id").is(id)), new Update().inc("events", 1L),
				FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION);
		return (counted != null) ? ((Number) counted.get("events")).longValue() : 0;
	}

	private static Entry entry(Document document) {
		return new Entry(document.getString("_id"), document.getString("partnerId"),
				URI.create(document.getString("endpoint")), document.getString("secret"),
				((Number) document.get("events")).longValue());
	}

	/**
	 * A partner's subscription.
	 *
	 * @param id its id
	 * @param partnerId the partner, whose Tasks only it is told about
	 * @param endpoint where notifications are POSTed
	 * @param secret the Standard Webhooks secret that signs them
	 * @param events how many notifications were sent so far
	 */
	record Entry(String id, String partnerId, URI endpoint, String secret, long events) {
	}

}
