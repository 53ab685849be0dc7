package ca.aiguillage.platform.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Logout records in the service's MongoDB ({@value #COLLECTION}), shared by all its
 * instances: one small document a record, read and written by {@code _id} only; a token's
 * id is inserted, so that a second instance receiving it again finds the duplicate key. A
 * TTL index on {@value #EXPIRES} lets a real MongoDB delete expired records; the embedded
 * store keeps them, and an expired record is ignored when read.
 */
final class StoredLogoutRecords implements LogoutRecords {

	static final String COLLECTION = "ended_sign_ins";

	static final String EXPIRES = "expiresAt";

	private static final String AT = "at";

	private static final Logger log = LoggerFactory.getLogger(StoredLogoutRecords.class);

	private final MongoOperations mongo;

	private volatile boolean indexed;

	StoredLogoutRecords(MongoOperations mongo) {
		this.mongo = mongo;
	}

	@Override
	public void remember(String key, Instant at, Instant expires) {
		declareExpiry();
		this.mongo.upsert(byId(key), new Update().max(AT, Date.from(at)).max(EXPIRES, Date.from(expires)), COLLECTION);
	}

	@Override
	public boolean recordOnce(String key, Instant expires) {
		declareExpiry();
		try {
			this.mongo.insert(new Document("_id", key).append(EXPIRES, Date.from(expires)), COLLECTION);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	@Override
	public @Nullable Instant recall(String key, Instant now) {
		Document record = this.mongo.findById(key, Document.class, COLLECTION);
		if (record == null || !(record.get(EXPIRES) instanceof Date expires) || !expires.toInstant().isAfter(now)
				|| !(record.get(AT) instanceof Date at)) {
			return null;
		}
		return at.toInstant();
	}

	// At the first logout rather than at start: a database briefly away must not stop
	// the pages from starting.
	private void declareExpiry() {
		if (this.indexed) {
			return;
		}
		try {
			this.mongo.indexOps(COLLECTION)
				.createIndex(new Index().on(EXPIRES, Sort.Direction.ASC).named("expiry").expire(Duration.ZERO));
			this.indexed = true;
		}
		catch (DataAccessException ex) {
			log.warn("Could not declare the expiry index of {} ({}); will try again at the next logout", COLLECTION,
					ex.getClass().getSimpleName());
		}
	}

	private static Query byId(String key) {
		return Query.query(Criteria.where("_id").is(key));
	}

}
