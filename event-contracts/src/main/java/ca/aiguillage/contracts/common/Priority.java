package ca.aiguillage.contracts.common;

/**
 * The referrer's priority, in the codes of Quebec's mental-health access points: A within
 * 3 days, B within 10, C within 28, D within 3 months, E within 12 months.
 */
public enum Priority {

	/** Within 3 days. */
	A,
	/** Within 10 days. */
	B,
	/** Within 28 days. */
	C,
	/** Within 3 months. */
	D,
	/** Within 12 months. */
	E

}
