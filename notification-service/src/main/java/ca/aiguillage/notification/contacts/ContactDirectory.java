package ca.aiguillage.notification.contacts;

import java.util.List;
import java.util.Optional;

import ca.aiguillage.notification.channels.ChannelFailure;
import ca.aiguillage.notification.channels.Guards;

/**
 * Asks referral-service how to reach a client, at send time, with notification-service's
 * own token, through a retry and a circuit breaker.
 */
public final class ContactDirectory {

	/** The name of referral-service's circuit breaker. */
	public static final String NAME = "referral-service";

	private final ServiceCalls referralService;

	ContactDirectory(ServiceCalls referralService) {
		this.referralService = referralService;
	}

	/**
	 * The client's contact details.
	 * @param attempts receives every attempt
	 * @return the contact, or empty when referral-service knows no such referral
	 * @throws ChannelFailure when referral-service cannot answer after the last attempt
	 */
	public Optional<Contact> find(String referralId, List<Guards.Attempt> attempts) {
		return this.referralService.get(Contact.class, attempts, "/api/v1/referrals/{id}/contact", referralId);
	}

}
