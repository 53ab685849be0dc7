package ca.aiguillage.notification.webhooks;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A partner's endpoint (its id is the partner id): the URL an administrator registered or
 * approved, the one the partner proposed and waits for approval, and its signing secrets.
 *
 * @param url where events are posted, once an administrator registered or approved it
 * @param secret the signing secret, {@code whsec_<base64>}, made with the first URL
 * @param registeredAt when the URL was last set
 * @param proposedUrl a URL the partner proposed, not used before an administrator
 * approves it
 * @param proposedAt when it was proposed
 * @param previousSecret the secret a rotation replaced, still signing until
 * {@code previousSecretUntil}
 * @param previousSecretUntil when the previous secret stops signing
 */
@Document("partner_webhooks")
public record PartnerWebhook(@Id String partnerId, @Nullable URI url, @Nullable String secret,
		@Nullable Instant registeredAt, @Nullable URI proposedUrl, @Nullable Instant proposedAt,
		@Nullable String previousSecret, @Nullable Instant previousSecretUntil) {

	/** The secrets that sign a message sent now: the current one first. */
	public List<String> signingSecrets(Instant now) {
		List<String> secrets = new ArrayList<>();
		if (this.secret != null) {
			secrets.add(this.secret);
		}
		if (this.previousSecret != null && this.previousSecretUntil != null && now.isBefore(this.previousSecretUntil)) {
			secrets.add(this.previousSecret);
		}
		return List.copyOf(secrets);
	}

	/** The secret as a later read shows it: enough to tell two apart, never to sign. */
	static @Nullable String hint(@Nullable String secret) {
		return (secret == null) ? null : secret.substring(0, 6) + "…" + secret.substring(secret.length() - 4);
	}

}
