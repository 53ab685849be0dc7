package ca.aiguillage.referral.access;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.security.Role;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Appends to the access trail. Callers record an access before they act, so that a crash
 * can leave a record of an access that did not complete, never an access without a
 * record.
 */
@Service
public class AccessTrail {

	private final MongoOperations mongo;

	private final Clock clock;

	AccessTrail(MongoOperations mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/**
	 * Records that the caller of the current request reads or changes a referral.
	 * @param caller the caller, from the token
	 * @param action READ or CREATE
	 * @param referralId the referral
	 * @param purpose why
	 */
	public void record(Caller caller, String action, String referralId, Purpose purpose) {
		insert(caller.subject(), caller.roles().stream().map(Role::name).sorted().toList(), caller.organizationId(),
				caller.partnerId(), action, referralId, purpose);
	}

	/**
	 * Records an access by a partner's system through the inbound topic.
	 * @param source the partner system's event source
	 * @param action what it did
	 * @param referralId the referral
	 * @param purpose why
	 */
	public void recordSystem(String source, String action, String referralId, Purpose purpose) {
		insert(source, List.of(Role.PARTNER.name()), null, source, action, referralId, purpose);
	}

	/**
	 * Records that a client referred themself, without an account.
	 * @param referralId the referral
	 */
	public void recordSelfReferral(String referralId) {
		insert("self-referral", List.of(), null, null, "CREATE", referralId, Purpose.SELF_REFERRAL);
	}

	/**
	 * Every access to one referral, oldest first, for a client's access request.
	 * @param referralId the referral
	 * @return the records
	 */
	public List<AccessRecord> of(String referralId) {
		Query query = new Query(Criteria.where("referralId").is(referralId)).with(Sort.by("at", "_id"));
		return this.mongo.find(query, AccessRecord.class);
	}

	List<AccessRecord> between(Instant from, Instant to) {
		Query query = new Query(Criteria.where("at").gte(from).lt(to)).with(Sort.by("at", "_id"));
		return this.mongo.find(query, AccessRecord.class);
	}

	private void insert(String subject, List<String> roles, @Nullable String organizationId, @Nullable String partnerId,
			String action, String referralId, Purpose purpose) {
		this.mongo.insert(new AccessRecord(UUID.randomUUID().toString(), this.clock.instant(), subject, roles,
				organizationId, partnerId, action, referralId, purpose));
	}

}
