package ca.aiguillage.referral.intake;

import java.util.List;

import ca.aiguillage.platform.outbox.Aggregates;
import ca.aiguillage.platform.privacy.PersonalDataCipher;
import ca.aiguillage.platform.privacy.ReEncryptionJob;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The re-encryption job of a key rotation: every referral sealed with an earlier key
 * version is sealed again with the active one, each through a conditional write, so that
 * the job can run beside intake and again after a crash.
 */
@Component
public class ReEncryption implements ReEncryptionJob {

	private final MongoOperations mongo;

	private final Aggregates aggregates;

	private final PersonalDataCipher cipher;

	ReEncryption(MongoOperations mongo, Aggregates aggregates, PersonalDataCipher cipher) {
		this.mongo = mongo;
		this.aggregates = aggregates;
		this.cipher = cipher;
	}

	/**
	 * Seals again what an earlier key version sealed.
	 * @return how many referrals were rewritten
	 */
	@Override
	public int run() {
		Query sealed = new Query();
		sealed.fields().include("_id").include("personalData");
		List<String> stale = this.mongo.find(sealed, Document.class, "referrals")
			.stream()
			.filter((document) -> document.getString("personalData") != null
					&& !this.cipher.sealedWithActiveKey(document.getString("personalData")))
			.map((document) -> document.getString("_id"))
			.toList();
		int rewritten = 0;
		for (String id : stale) {
			if (this.aggregates.updateIfPresent(Referral.class, id, (referral) -> referral.reseal(this.cipher))
				.isPresent()) {
				rewritten++;
			}
		}
		return rewritten;
	}

}
