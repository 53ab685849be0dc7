package ca.aiguillage.matching.proposal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The weights of the soft score, under {@code matching.weights}. Hard constraints decide
 * who may be proposed; these only rank those who may.
 *
 * @param approach for offering one of the approaches the referral wants (honouring
 * preferences cuts dropout)
 * @param load for the share of the therapist's places still free, so that new clients
 * spread over the roster instead of filling the first therapist
 * @param priority for the referrer's priority (A highest); the same for every candidate
 * of one referral, it ranks referrals against each other when a place frees up
 */
@ConfigurationProperties("matching.weights")
record MatchingWeights(@DefaultValue("1.0") double approach, @DefaultValue("0.5") double load,
		@DefaultValue("0.25") double priority) {
}
