package ca.aiguillage.referral.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import ca.aiguillage.platform.outbox.Aggregates;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The one open referral of a person: before a referral is opened, each keyed hash of who
 * the client is (name and date of birth, email, phone) is claimed by one insert keyed by
 * that hash, so that two partners sending the same person at once open one referral and
 * the other is linked to it. A claim is released when its referral closes, and taken over
 * when its referral is closed or was never stored.
 */
@Component
public class PersonClaims implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(PersonClaims.class);

	// How long a referral being opened may take before its claims count as abandoned.
	private static final Duration ABANDONED_AFTER = Duration.ofSeconds(10);

	private static final Duration POLL = Duration.ofMillis(20);

	// Stored once the person index holds every open referral (see rememberOpenReferrals).
	private static final String INDEX_BUILT = "index-built:v1";

	private final MongoOperations mongo;

	private final Aggregates aggregates;

	private final Clock clock;

	PersonClaims(MongoOperations mongo, Aggregates aggregates, Clock clock) {
		this.mongo = mongo;
		this.aggregates = aggregates;
		this.clock = clock;
	}

	/**
	 * Claims the person for a referral about to be opened, or finds their open referral.
	 * @param person who the client is
	 * @param referralId the referral about to be opened
	 * @return the open referral that may be the person's (to link to, or to flag as a
	 * possible duplicate), or null when this referral holds every claim
	 */
	Referral.@Nullable OpenReferral claim(Referral.Identity person, String referralId) {
		while (true) {
			Referral.OpenReferral open = openReferralOf(person);
			if (open != null && !open.referralId().equals(referralId)) {
				release(person, referralId);
				return open;
			}
			Claim held = firstHeldByAnother(person, referralId);
			if (held == null) {
				return null;
			}
			Referral holder = this.aggregates.find(Referral.class, held.referralId()).orElse(null);
			if (holder != null && holder.status().isOpen()) {
				release(person, referralId);
				return matched(holder, person);
			}
			if (holder != null || held.claimedAt().plus(ABANDONED_AFTER).isBefore(this.clock.instant())) {
				// Its referral closed, or was never stored: the claim is free.
				this.mongo.remove(
						Query.query(Criteria.where("_id").is(held.key()).and("referralId").is(held.referralId())),
						Claim.class);
			}
			else {
				// The other referral is being opened right now: wait for it to be stored.
				pause();
			}
		}
	}

	/**
	 * Releases a referral's claims and takes it out of the person index, once it is
	 * closed or was linked: each by {@code _id}, through the keyed hashes it stores.
	 * @param referralId the referral
	 */
	public void release(String referralId) {
		this.aggregates.find(Referral.class, referralId)
			.filter(Referral::identified)
			.ifPresent(referral -> release(referral.identity(), referralId));
	}

	void release(Referral.Identity person, String referralId) {
		List<String> keys = keys(person);
		for (String key : keys) {
			this.mongo.remove(Query.query(Criteria.where("_id").is(key).and("referralId").is(referralId)), Claim.class);
		}
		forget(keys, referralId);
	}

	/**
	 * Inserts the claims in one fixed order, so that two claimants never wait on each
	 * other.
	 */
	private @Nullable Claim firstHeldByAnother(Referral.Identity person, String referralId) {
		for (String key : keys(person)) {
			try {
				this.mongo.insert(new Claim(key, referralId, this.clock.instant()));
			}
			catch (DuplicateKeyException taken) {
				Claim held = this.mongo.findById(key, Claim.class);
				if (held == null) {
					// Released meanwhile: try again.
					return firstHeldByAnother(person, referralId);
				}
				if (!held.referralId().equals(referralId)) {
					return held;
				}
			}
		}
		return null;
	}

	private static List<String> keys(Referral.Identity person) {
		List<String> keys = new ArrayList<>();
		keys.add("name-and-birth:" + person.nameAndBirth());
		if (person.email() != null) {
			keys.add("email:" + person.email());
		}
		if (person.phone() != null) {
			keys.add("phone:" + person.phone());
		}
		return keys;
	}

	/**
	 * Finds the oldest open referral of the same person through the keyed hashes of their
	 * normalised name and date of birth, email and phone: nothing is decrypted, and each
	 * hash is one read by {@code _id} in the person index, never a scan of the referrals.
	 */
	private Referral.@Nullable OpenReferral openReferralOf(Referral.Identity person) {
		Referral oldest = null;
		for (String key : keys(person)) {
			PersonKey known = this.mongo.findById(key, PersonKey.class);
			if (known == null) {
				continue;
			}
			for (String referralId : known.referralIds()) {
				Referral candidate = this.aggregates.find(Referral.class, referralId).orElse(null);
				if (candidate != null && !candidate.status().isOpen()) {
					// Closed without being forgotten (a crash between the two writes).
					forget(List.of(key), referralId);
				}
				else if (candidate != null
						&& (oldest == null || candidate.receivedAt().isBefore(oldest.receivedAt()))) {
					oldest = candidate;
				}
			}
		}
		return (oldest != null) ? matched(oldest, person) : null;
	}

	/**
	 * Enters an open referral in the person index, under each of its keyed hashes, before
	 * it is stored: a referral in the index that was never stored is skipped by the
	 * lookups.
	 * @param person who the client is
	 * @param referralId the referral being opened
	 */
	void remember(Referral.Identity person, String referralId) {
		for (String key : keys(person)) {
			this.mongo.upsert(Query.query(Criteria.where("_id").is(key)),
					new Update().addToSet("referralIds", referralId), PersonKey.class);
		}
	}

	private void forget(List<String> keys, String referralId) {
		for (String key : keys) {
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(key)),
					new Update().pull("referralIds", referralId), PersonKey.class);
		}
	}

	@Override
	public void afterSingletonsInstantiated() {
		int entered = rememberOpenReferrals();
		if (entered > 0) {
			log.info("Person index built: {} open referrals entered", entered);
		}
	}

	/**
	 * Enters every open referral in the person index once, the first time a version with
	 * the index starts on a store that has referrals (one scan, then never again).
	 * @return how many referrals were entered
	 */
	int rememberOpenReferrals() {
		if (this.mongo.findById(INDEX_BUILT, PersonKey.class) != null) {
			return 0;
		}
		Query open = Query.query(Criteria.where("status").in(ReferralStatus.open().stream().map(Enum::name).toList()));
		int entered = 0;
		for (Referral referral : this.mongo.find(open, Referral.class)) {
			remember(referral.identity(), referral.getId());
			entered++;
		}
		this.mongo.save(new PersonKey(INDEX_BUILT, List.of()));
		return entered;
	}

	private static Referral.OpenReferral matched(Referral open, Referral.Identity person) {
		Referral.Identity theirs = open.identity();
		List<String> matchedOn = new ArrayList<>();
		if (theirs.nameAndBirth().equals(person.nameAndBirth())) {
			matchedOn.add("NAME_AND_DATE_OF_BIRTH");
		}
		else {
			if (person.name() != null && person.name().equals(theirs.name())) {
				matchedOn.add("NAME");
			}
			if (person.birth() != null && person.birth().equals(theirs.birth())) {
				matchedOn.add("DATE_OF_BIRTH");
			}
		}
		if (person.phone() != null && person.phone().equals(theirs.phone())) {
			matchedOn.add("PHONE");
		}
		if (person.email() != null && person.email().equals(theirs.email())) {
			matchedOn.add("EMAIL");
		}
		return new Referral.OpenReferral(open.getId(), matchedOn, open.partnerId(), open.status().isQueued());
	}

	private static void pause() {
		try {
			Thread.sleep(POLL);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while another referral of the person was opened", ex);
		}
	}

	/**
	 * One keyed hash of a person, held by the referral being opened or open for them.
	 *
	 * @param key the kind of hash and the hash
	 * @param referralId the referral holding it
	 * @param claimedAt when it was taken
	 */
	@Document("person_claims")
	record Claim(@Id String key, String referralId, Instant claimedAt) {
	}

	/**
	 * The person index: every open referral under one keyed hash of who the client is, so
	 * that finding a person's open referral reads by {@code _id} only.
	 *
	 * @param key the kind of hash and the hash
	 * @param referralIds the referrals entered under it
	 */
	@Document("person_keys")
	record PersonKey(@Id String key, List<String> referralIds) {
	}

}
