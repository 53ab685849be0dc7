package ca.aiguillage.referral.access;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One access to a referral's personal data. Only ever inserted: no endpoint updates or
 * deletes it.
 *
 * @param id the record id
 * @param at when
 * @param subject who (token subject, or the partner system's event source)
 * @param roles the caller's roles
 * @param organizationId the caller's organization, or null
 * @param partnerId the caller's partner, or null
 * @param action READ or CREATE
 * @param referralId which referral
 * @param purpose why
 */
@Document("access_trail")
public record AccessRecord(@Id String id, Instant at, String subject, List<String> roles,
		@Nullable String organizationId, @Nullable String partnerId, String action, String referralId,
		Purpose purpose) {
}
