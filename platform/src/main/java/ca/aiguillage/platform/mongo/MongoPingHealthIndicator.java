package ca.aiguillage.platform.mongo;

import org.bson.Document;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * MongoDB health through {@code ping}, which both MongoDB and the embedded wire-protocol
 * server answer (Boot's own indicator asks {@code hello}, which the embedded server
 * lacks).
 */
public class MongoPingHealthIndicator extends AbstractHealthIndicator {

	private final MongoOperations mongo;

	public MongoPingHealthIndicator(MongoOperations mongo) {
		this.mongo = mongo;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Document answer = this.mongo.executeCommand(new Document("ping", 1));
		builder.up().withDetail("ping", answer.get("ok"));
	}

}
