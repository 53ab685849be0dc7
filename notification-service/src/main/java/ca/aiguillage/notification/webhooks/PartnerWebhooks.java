package ca.aiguillage.notification.webhooks;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import ca.aiguillage.notification.channels.WebhookChannel;
import org.jspecify.annotations.Nullable;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The partners' endpoints: each change is one conditional write of its document. */
@Component
public class PartnerWebhooks {

	private final MongoOperations mongo;

	private final SecureRandom random = new SecureRandom();

	PartnerWebhooks(MongoOperations mongo) {
		this.mongo = mongo;
	}

	/**
	 * An endpoint and the secret made by the change that returned it, shown only then.
	 *
	 * @param webhook the endpoint as saved
	 * @param newSecret the secret this change made, or null when the secret was kept
	 */
	record Changed(PartnerWebhook webhook, @Nullable String newSecret) {
	}

	public Optional<PartnerWebhook> of(String partnerId) {
		return Optional.ofNullable(this.mongo.findById(partnerId, PartnerWebhook.class));
	}

	List<PartnerWebhook> all() {
		return this.mongo.findAll(PartnerWebhook.class);
	}

	/**
	 * A partner proposes a URL: nothing is sent to it before an administrator approves.
	 */
	PartnerWebhook propose(String partnerId, URI url, Instant now) {
		Update update = new Update().set("proposedUrl", url).set("proposedAt", now);
		return this.mongo.findAndModify(byId(partnerId), update,
				FindAndModifyOptions.options().upsert(true).returnNew(true), PartnerWebhook.class);
	}

	/**
	 * An administrator sets a partner's URL; a proposal of that same URL is settled. The
	 * secret is made with the first URL and kept after.
	 */
	Changed register(String partnerId, URI url, Instant now) {
		Update update = new Update().set("url", url).set("registeredAt", now);
		this.mongo.upsert(byId(partnerId), update, PartnerWebhook.class);
		this.mongo.updateFirst(byId(partnerId).addCriteria(Criteria.where("proposedUrl").is(url)),
				new Update().unset("proposedUrl").unset("proposedAt"), PartnerWebhook.class);
		String secret = newSecret();
		// Only the write that finds no secret makes one, so it is shown exactly once.
		PartnerWebhook made = this.mongo.findAndModify(byId(partnerId).addCriteria(Criteria.where("secret").is(null)),
				new Update().set("secret", secret), FindAndModifyOptions.options().returnNew(true),
				PartnerWebhook.class);
		return (made != null) ? new Changed(made, secret) : new Changed(of(partnerId).orElseThrow(), null);
	}

	/**
	 * An administrator approves the URL the partner proposed.
	 * @return empty when no proposal waits
	 */
	Optional<Changed> approve(String partnerId, Instant now) {
		PartnerWebhook known = of(partnerId).orElse(null);
		if (known == null || known.proposedUrl() == null) {
			return Optional.empty();
		}
		return Optional.of(register(partnerId, known.proposedUrl(), now));
	}

	/**
	 * A new secret; the previous one still signs beside it for the overlap, so the
	 * partner can switch without losing a message.
	 * @return empty when the partner has no secret yet, or another rotation won
	 */
	Optional<Changed> rotate(String partnerId, Instant now, Duration overlap) {
		PartnerWebhook known = of(partnerId).orElse(null);
		if (known == null || known.secret() == null) {
			return Optional.empty();
		}
		String secret = newSecret();
		Update update = new Update().set("secret", secret)
			.set("previousSecret", known.secret())
			.set("previousSecretUntil", now.plus(overlap));
		PartnerWebhook rotated = this.mongo.findAndModify(
				byId(partnerId).addCriteria(Criteria.where("secret").is(known.secret())), update,
				FindAndModifyOptions.options().returnNew(true), PartnerWebhook.class);
		return Optional.ofNullable(rotated).map(webhook -> new Changed(webhook, secret));
	}

	private String newSecret() {
		byte[] key = new byte[24];
		this.random.nextBytes(key);
		return WebhookChannel.SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
	}

	private static Query byId(String partnerId) {
		return new Query(Criteria.where("_id").is(partnerId));
	}

}
