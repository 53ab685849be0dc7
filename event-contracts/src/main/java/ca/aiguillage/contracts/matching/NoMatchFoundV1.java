package ca.aiguillage.contracts.matching;

import java.time.Instant;
import java.util.List;

/**
 * No therapist fits a referral now; it waits until a place frees up.
 *
 * @param referralId the referral this event is about, also its message key
 * @param reasons codes of the constraints no candidate met, such as
 * {@code NO_SHARED_LANGUAGE}
 * @param candidatesExamined how many active therapists were examined
 * @param examinedAt when matching ran
 */
public record NoMatchFoundV1(String referralId, List<String> reasons, int candidatesExamined,
		Instant examinedAt) implements MatchingEvent {

	/** The CloudEvents type. */
	public static final String TYPE = "ca.aiguillage.matching.no-match-found.v1";

}
