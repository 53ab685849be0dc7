package ca.aiguillage.authorization.accounts;

/** What an account may do in Aiguillage; the names travel in the access token. */
public enum Role {

	/** A partner's staff member or records system: refers clients and follows them. */
	PARTNER,

	/** An organization's coordinator: works the organization's waiting list. */
	COORDINATOR,

	/** Runs the platform. */
	ADMIN,

	/**
	 * Another Aiguillage service (client credentials): internal calls only, such as
	 * notification-service reading contact details at send time.
	 */
	SERVICE

}
