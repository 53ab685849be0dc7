package ca.aiguillage.notification.contacts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ca.aiguillage.notification.channels.Guards;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks waitlist-service how long an organization's proposals wait for the client's
 * answer, so that messages state the deadline it enforces; through the same retry and
 * circuit breaker as the forecasts.
 */
public final class AnswerWindows {

	private static final Logger log = LoggerFactory.getLogger(AnswerWindows.class);

	private final ServiceCalls waitlistService;

	AnswerWindows(ServiceCalls waitlistService) {
		this.waitlistService = waitlistService;
	}

	/**
	 * The organization's answer window.
	 * @return the window, or empty when waitlist-service cannot answer
	 */
	public Optional<Duration> of(String organizationId) {
		List<Guards.Attempt> attempts = new ArrayList<>();
		try {
			return this.waitlistService
				.get(AnswerWindow.class, attempts, "/api/v1/proposal-answer-windows/{id}", organizationId)
				.map(window -> Duration.parse(window.answerWindow()));
		}
		catch (RuntimeException ex) {
			// A proposal that says "as soon as possible" is better than one held back.
			log.warn("No answer window for organization {}: {}", organizationId,
					attempts.isEmpty() ? ex.getClass().getSimpleName() : attempts.get(attempts.size() - 1).outcome());
			return Optional.empty();
		}
	}

	/**
	 * @param answerWindow ISO-8601, such as {@code PT48H}
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record AnswerWindow(String organizationId, String answerWindow) {
	}

}
