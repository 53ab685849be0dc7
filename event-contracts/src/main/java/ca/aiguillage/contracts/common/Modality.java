package ca.aiguillage.contracts.common;

/** Where sessions happen. */
public enum Modality {

	/** At the organization's site. */
	IN_PERSON,
	/** By video. */
	VIDEO,
	/** The client accepts either (never a therapist's modality). */
	EITHER;

	/**
	 * Whether a client asking for this modality accepts a therapist offering
	 * {@code offered}.
	 * @param offered a modality a therapist offers
	 * @return true when the two fit
	 */
	public boolean accepts(Modality offered) {
		return this == EITHER || this == offered;
	}

}
