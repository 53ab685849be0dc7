package ca.aiguillage.referral.directory;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The organizations a referral may be sent to: those configured, and every organization
 * matching's directory has named (one document per organization, {@code _id} = its id).
 * Membership only grows, so events may come twice or in any order.
 */
@Component
@EnableConfigurationProperties(DirectorySettings.class)
class KnownOrganizations implements MemberOrganizations {

	static final String COLLECTION = "known_organizations";

	private final MongoOperations mongo;

	private final Set<String> known = ConcurrentHashMap.newKeySet();

	KnownOrganizations(MongoOperations mongo, DirectorySettings settings) {
		this.mongo = mongo;
		this.known.addAll(settings.organizations());
	}

	// Configured, or named by the directory: a cached yes never turns into a no.
	@Override
	public boolean isMember(String organizationId) {
		if (this.known.contains(organizationId)) {
			return true;
		}
		boolean stored = this.mongo.exists(Query.query(Criteria.where("_id").is(organizationId)), COLLECTION);
		if (stored) {
			this.known.add(organizationId);
		}
		return stored;
	}

	/**
	 * Records an organization the directory named; a second time changes nothing.
	 * @param organizationId the organization
	 * @param at when the directory named it
	 */
	void learn(String organizationId, Instant at) {
		this.mongo.upsert(Query.query(Criteria.where("_id").is(organizationId)), new Update().setOnInsert("since", at),
				COLLECTION);
		this.known.add(organizationId);
	}

}
