package ca.aiguillage.notification.webhooks;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import ca.aiguillage.notification.channels.WebhookChannel;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The partners' registered endpoints. */
@Component
public class PartnerWebhooks {

	private final MongoOperations mongo;

	private final SecureRandom random = new SecureRandom();

	PartnerWebhooks(MongoOperations mongo) {
		this.mongo = mongo;
	}

	public Optional<PartnerWebhook> of(String partnerId) {
		return Optional.ofNullable(this.mongo.findById(partnerId, PartnerWebhook.class));
	}

	/**
	 * Sets a partner's URL in one upsert; the secret is made on first registration and
	 * kept after.
	 */
	PartnerWebhook register(String partnerId, URI url, Instant now) {
		byte[] key = new byte[24];
		this.random.nextBytes(key);
		Update update = new Update().set("url", url)
			.set("registeredAt", now)
			.setOnInsert("secret", WebhookChannel.SECRET_PREFIX + Base64.getEncoder().encodeToString(key));
		return this.mongo.findAndModify(new Query(Criteria.where("_id").is(partnerId)), update,
				FindAndModifyOptions.options().upsert(true).returnNew(true), PartnerWebhook.class);
	}

}
