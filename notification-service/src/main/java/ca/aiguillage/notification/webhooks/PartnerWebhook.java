package ca.aiguillage.notification.webhooks;

import java.net.URI;
import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A partner's endpoint (its id is the partner id).
 *
 * @param url where events are posted
 * @param secret the signing secret, {@code whsec_<base64>}
 * @param registeredAt when the URL was last set
 */
@Document("partner_webhooks")
public record PartnerWebhook(@Id String partnerId, URI url, String secret, Instant registeredAt) {
}
