package ca.aiguillage.referral.fee;

import java.util.ArrayList;
import java.util.List;

import ca.aiguillage.platform.outbox.Aggregate;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A scale as stored: the version in force and every version used so far, so that a fee
 * recorded on a referral can always be traced to its scale.
 */
@Document("fee_scales")
class StoredFeeScale extends Aggregate {

	private FeeScale current;

	private List<String> versions = new ArrayList<>();

	@PersistenceCreator
	StoredFeeScale(String id) {
		super(id);
	}

	static StoredFeeScale of(FeeScale scale) {
		StoredFeeScale stored = new StoredFeeScale(scale.id());
		stored.putInForce(scale);
		return stored;
	}

	FeeScale current() {
		return this.current;
	}

	boolean hasUsed(String version) {
		return this.versions.contains(version);
	}

	void putInForce(FeeScale scale) {
		this.current = scale;
		this.versions.add(scale.version());
	}

}
