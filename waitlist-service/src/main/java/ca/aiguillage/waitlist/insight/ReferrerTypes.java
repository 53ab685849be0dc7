package ca.aiguillage.waitlist.insight;

import java.util.Map;

import ca.aiguillage.waitlist.queue.QueueEntry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What kind of referrer each partner is, {@code waitlist.referrers.types.<partnerId>},
 * and what people call it, {@code waitlist.referrers.names.<partnerId>}.
 *
 * @param types each partner's type, by partner id; a partner not listed is
 * {@link ReferrerType#OTHER}
 * @param names each partner's name, by partner id
 */
@ConfigurationProperties("waitlist.referrers")
public record ReferrerTypes(@Nullable Map<String, ReferrerType> types, @Nullable Map<String, String> names) {

	ReferrerType of(QueueEntry entry) {
		if (entry.selfReferred()) {
			return ReferrerType.SELF_REFERRAL;
		}
		if (this.types == null || entry.partnerId() == null) {
			return ReferrerType.OTHER;
		}
		return this.types.getOrDefault(entry.partnerId(), ReferrerType.OTHER);
	}

	/** The partners' names by partner id, empty when none is configured. */
	public Map<String, String> partnerNames() {
		return (this.names != null) ? this.names : Map.of();
	}

}
