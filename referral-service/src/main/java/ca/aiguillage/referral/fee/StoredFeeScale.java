package ca.aiguillage.referral.fee;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A scale as stored: the version in force and every version used so far, so that a fee
 * recorded on a referral can always be traced to its scale.
 *
 * @param id the scale id
 * @param current the version in force
 * @param versions every version put in force, oldest first
 * @param version the document's version, for conditional replacement
 */
@Document("fee_scales")
record StoredFeeScale(@Id String id, FeeScale current, List<String> versions, @Version @Nullable Long version) {
}
