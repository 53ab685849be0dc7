package ca.aiguillage.notification.consent;

import java.time.Instant;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Numbers that said STOP, by keyed hash: one document each, written once. */
@Component
public class SmsOptOuts {

	private static final String COLLECTION = "sms_opt_outs";

	private final MongoOperations mongo;

	SmsOptOuts(MongoOperations mongo) {
		this.mongo = mongo;
	}

	/** Records that the number of this hash wants no more text messages. */
	public void optOut(String phoneHash, Instant at) {
		this.mongo.upsert(new Query(Criteria.where("_id").is(phoneHash)), new Update().setOnInsert("optedOutAt", at),
				COLLECTION);
	}

	/** Whether the number of this hash said STOP. */
	public boolean optedOut(String phoneHash) {
		return this.mongo.exists(new Query(Criteria.where("_id").is(phoneHash)), COLLECTION);
	}

}
