package ca.aiguillage.contracts.common;

/** Who comes to therapy. */
public enum Clientele {

	/** One adult. */
	ADULT,
	/** One adolescent, 14 to 17. */
	ADOLESCENT,
	/** A couple. */
	COUPLE,
	/** A family. */
	FAMILY

}
