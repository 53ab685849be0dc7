package ca.aiguillage.referral.intake;

import java.util.List;

import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.web.FieldViolation;
import ca.aiguillage.platform.web.InvalidRequestException;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Lists of referrals, newest first, as each caller may see them: a partner its own, a
 * coordinator its organization's, an administrator all. No personal data is shown, so
 * listing leaves no access record.
 */
@Component
public class ReferralLists {

	private final MongoOperations mongo;

	ReferralLists(MongoOperations mongo) {
		this.mongo = mongo;
	}

	public ReferralPage visibleTo(Caller caller, @Nullable ReferralStatus status, int page, int size) {
		if (page < 0 || size < 1 || size > 100) {
			throw new InvalidRequestException(
					List.of(new FieldViolation((page < 0) ? "page" : "size", "invalid.paging")));
		}
		Criteria criteria;
		if (caller.isAdmin()) {
			criteria = new Criteria();
		}
		else if (caller.partnerId() != null && caller.isPartner(caller.partnerId())) {
			criteria = Criteria.where("partnerId").is(caller.partnerId());
		}
		else if (caller.organizationId() != null && caller.coordinates(caller.organizationId())) {
			criteria = Criteria.where("request.targetOrganizationId").is(caller.organizationId());
		}
		else {
			return new ReferralPage(List.of(), page, size, 0);
		}
		if (status != null) {
			criteria = criteria.and("status").is(status.name());
		}
		Query query = Query.query(criteria);
		// Every referral: the collection's own count, not a count of its documents.
		long total = caller.isAdmin() && status == null ? this.mongo.estimatedCount(Referral.class)
				: this.mongo.count(query, Referral.class);
		List<ReferralReceipt> items = this.mongo
			.find(query.with(Sort.by(Sort.Direction.DESC, "receivedAt")).skip((long) page * size).limit(size),
					Referral.class)
			.stream()
			.map((referral) -> ReferralReceipt.forCaller(referral, caller))
			.toList();
		// Listing shows no personal data, so it leaves no access record.
		return new ReferralPage(items, page, size, total);
	}

}
