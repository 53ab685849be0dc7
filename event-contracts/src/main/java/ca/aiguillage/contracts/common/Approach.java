package ca.aiguillage.contracts.common;

/** Therapeutic approaches, as the Ordre des psychologues du Québec groups them. */
public enum Approach {

	/** Cognitive-behavioural. */
	COGNITIVE_BEHAVIOURAL,
	/** Psychodynamic and analytic. */
	PSYCHODYNAMIC,
	/** Humanistic and existential. */
	HUMANISTIC_EXISTENTIAL,
	/** Systemic and interactional (couples and families). */
	SYSTEMIC,
	/** Integrative. */
	INTEGRATIVE

}
