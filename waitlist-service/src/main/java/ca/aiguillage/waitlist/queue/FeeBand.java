package ca.aiguillage.waitlist.queue;

import ca.aiguillage.contracts.common.SessionFee;
import org.jspecify.annotations.Nullable;

/**
 * The fee band a client's sliding-scale fee falls in: the income band as far as this
 * service may know it, since income itself stays in referral-service.
 */
public enum FeeBand {

	/** The scale gave a fee low enough to need a low-fee place. */
	LOW_FEE,
	/** The scale gave a regular fee. */
	REGULAR,
	/** No scale applied, or the entry predates the band. */
	UNKNOWN;

	static FeeBand of(@Nullable SessionFee fee) {
		if (fee == null) {
			return UNKNOWN;
		}
		return fee.lowFee() ? LOW_FEE : REGULAR;
	}

}
