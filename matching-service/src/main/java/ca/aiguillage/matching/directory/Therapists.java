package ca.aiguillage.matching.directory;

import java.util.List;
import java.util.Optional;

import ca.aiguillage.contracts.common.Approach;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * The therapists of the directory. Changes go through {@code Aggregates} so that their
 * events go with them.
 */
@Repository
public class Therapists {

	private final MongoOperations mongo;

	public Therapists(MongoOperations mongo) {
		this.mongo = mongo;
	}

	public Optional<Therapist> find(String id) {
		return Optional.ofNullable(this.mongo.findById(id, Therapist.class));
	}

	/**
	 * The ids of the therapists holding a place for this referral (one, when all is
	 * well).
	 */
	public List<String> holding(String referralId) {
		return this.mongo.find(new Query(Criteria.where("reservations.referralId").is(referralId)), Therapist.class)
			.stream()
			.map(Therapist::getId)
			.toList();
	}

	/**
	 * Everyone who takes new clients now, in id order so that ties break the same way
	 * every time.
	 */
	public List<Therapist> active() {
		return this.mongo.find(new Query(Criteria.where("active").is(true)).with(Sort.by("id")), Therapist.class);
	}

	/** The whole directory, in id order. */
	public List<Therapist> all() {
		return this.mongo.find(new Query().with(Sort.by("id")), Therapist.class);
	}

	public boolean anyHoldsPlaceFor(String referralId) {
		return this.mongo.exists(new Query(Criteria.where("reservations.referralId").is(referralId)), Therapist.class);
	}

	Page<Therapist> search(@Nullable String language, @Nullable Approach approach, @Nullable String organizationId,
			PageRequest page) {
		Criteria criteria = new Criteria();
		if (language != null) {
			criteria = criteria.and("languages").is(language);
		}
		if (approach != null) {
			criteria = criteria.and("approaches").is(approach);
		}
		if (organizationId != null) {
			criteria = criteria.and("organizationId").is(organizationId);
		}
		Query query = new Query(criteria);
		long total = this.mongo.count(query, Therapist.class);
		List<Therapist> content = this.mongo.find(Query.of(query).with(page.withSort(Sort.by("id"))), Therapist.class);
		return new PageImpl<>(content, page, total);
	}

	boolean isEmpty() {
		return !this.mongo.exists(new Query(), Therapist.class);
	}

	/**
	 * Inserts a therapist unless one with the same id exists; an existing one is left as
	 * it is.
	 */
	boolean insertIfAbsent(Therapist therapist) {
		try {
			this.mongo.insert(therapist);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

}
