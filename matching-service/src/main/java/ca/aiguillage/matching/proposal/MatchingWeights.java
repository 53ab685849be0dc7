package ca.aiguillage.matching.proposal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The weights of the soft score, under {@code matching.weights}. Hard constraints decide
 * who may be proposed; these only rank those who may (and, when a place frees up, rank
 * the waiting referrals against each other).
 *
 * @param approach for offering one of the approaches the referral wants (honouring
 * preferences cuts dropout)
 * @param load for the share of the therapist's places still free, so that new clients
 * spread over the roster instead of filling the first therapist
 * @param priority for the referrer's priority (A highest)
 * @param aging for the days waited, per 60 days (the network's target), up to twice; 8 as
 * chosen by the waitlist simulator on its tuning seeds (docs/matching.md)
 * @param continuity for a therapist of the organization the referring partner usually
 * works with
 * @param confirmedAvailable for a client who answered a check-in that they still need the
 * service, within {@code confirmedAvailableWithin} of the offer (0 turns it off)
 * @param confirmedAvailableWithin how long such an answer counts
 */
@ConfigurationProperties("matching.weights")
public record MatchingWeights(@DefaultValue("1.0") double approach, @DefaultValue("0.5") double load,
		@DefaultValue("0.25") double priority, @DefaultValue("8.0") double aging,
		@DefaultValue("0.25") double continuity, @DefaultValue("2.0") double confirmedAvailable,
		@DefaultValue("P30D") Duration confirmedAvailableWithin) {

	@ConstructorBinding
	public MatchingWeights {
	}

	/**
	 * The five weights of the score without check-in answers (benchmarks, simulator).
	 */
	public MatchingWeights(double approach, double load, double priority, double aging, double continuity) {
		this(approach, load, priority, aging, continuity, 0.0, Duration.ofDays(30));
	}

	/** The defaults, for plain-Java use (benchmarks, simulator). */
	public static MatchingWeights defaults() {
		return new MatchingWeights(1.0, 0.5, 0.25, 8.0, 0.25, 2.0, Duration.ofDays(30));
	}

}
