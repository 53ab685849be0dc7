package ca.aiguillage.waitlist.insight;

/** The kind of referrer a referral came through, so that waits can be compared by it. */
public enum ReferrerType {

	/** The client referred themself. */
	SELF_REFERRAL,
	/** A CLSC (local community service centre). */
	CLSC,
	/** A hospital. */
	HOSPITAL,
	/** A mental-health access point (guichet d'accès en santé mentale). */
	ACCESS_POINT,
	/** A family medicine group (GMF). */
	FMG,
	/** A community organization. */
	COMMUNITY,
	/** Any other partner, and partners not configured. */
	OTHER

}
