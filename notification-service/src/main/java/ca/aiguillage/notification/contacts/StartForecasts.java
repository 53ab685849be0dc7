package ca.aiguillage.notification.contacts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ca.aiguillage.notification.channels.Guards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks waitlist-service when a waiting client's therapy is likely to start, with
 * notification-service's own token, through a retry and a circuit breaker.
 */
public final class StartForecasts {

	/** The name of waitlist-service's circuit breaker. */
	public static final String NAME = "waitlist-service";

	private static final Logger log = LoggerFactory.getLogger(StartForecasts.class);

	private final ServiceCalls waitlistService;

	StartForecasts(ServiceCalls waitlistService) {
		this.waitlistService = waitlistService;
	}

	/**
	 * The referral's predicted start.
	 * @return the forecast, or empty when waitlist-service has none or cannot answer
	 */
	public Optional<PredictedStart> of(String referralId) {
		List<Guards.Attempt> attempts = new ArrayList<>();
		try {
			return this.waitlistService.get(PredictedStart.class, attempts, "/api/v1/queue/{id}/predicted-start",
					referralId);
		}
		catch (RuntimeException ex) {
			// A message without an estimate is better than a message held back.
			log.warn("No predicted start for referral {}: {}", referralId,
					attempts.isEmpty() ? ex.getClass().getSimpleName() : attempts.get(attempts.size() - 1).outcome());
			return Optional.empty();
		}
	}

}
