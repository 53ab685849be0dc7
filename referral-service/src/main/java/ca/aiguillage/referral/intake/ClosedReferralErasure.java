package ca.aiguillage.referral.intake;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import ca.aiguillage.platform.outbox.Aggregates;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Erases, every night, what identifies the client of each referral closed for longer than
 * the retention period (Law 25), keeping the codes, statuses and dates of anonymised
 * figures. Each referral is one conditional write, so a crash mid-run loses nothing and
 * the next run carries on.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(RetentionSettings.class)
public class ClosedReferralErasure {

	private static final ZoneId QUEBEC = ZoneId.of("America/Toronto");

	private static final String[] IDENTITY_FIELDS = { "nameAndBirthIndex", "emailIndex", "phoneIndex", "nameIndex",
			"birthIndex" };

	private final MongoOperations mongo;

	private final Aggregates aggregates;

	private final PersonClaims claims;

	private final Clock clock;

	private final RetentionSettings settings;

	ClosedReferralErasure(MongoOperations mongo, Aggregates aggregates, PersonClaims claims, Clock clock,
			RetentionSettings settings) {
		this.mongo = mongo;
		this.aggregates = aggregates;
		this.claims = claims;
		this.clock = clock;
		this.settings = settings;
	}

	@Scheduled(cron = "${aiguillage.retention.erasure-cron:0 30 3 * * *}", zone = "America/Toronto")
	void nightly() {
		runAt(this.clock.instant());
	}

	/**
	 * Erases every referral closed before the retention period that ends at the given
	 * time.
	 * @param now the time the period ends
	 * @return how many referrals were erased
	 */
	public int runAt(Instant now) {
		Instant closedBefore = now.atZone(QUEBEC).minus(this.settings.closedReferrals()).toInstant();
		List<String> closed = ReferralStatus.closed().stream().map(Enum::name).toList();
		Query candidates = Query.query(Criteria.where("status").in(closed).and("erasedAt").is(null));
		// The keyed hashes its claims are found by, read with the candidates before they
		// are erased: no second read of each.
		candidates.fields().include("_id").include(IDENTITY_FIELDS);
		int erased = 0;
		for (Referral candidate : this.mongo.find(candidates, Referral.class)) {
			String id = candidate.getId();
			Referral.Identity identity = candidate.identified() ? candidate.identity() : null;
			if (this.aggregates
				.updateIfPresent(Referral.class, id, (referral) -> referral.eraseIfClosedBefore(closedBefore, now))
				.isPresent()) {
				if (identity != null) {
					this.claims.release(identity, id);
				}
				erased++;
			}
		}
		return erased;
	}

}
