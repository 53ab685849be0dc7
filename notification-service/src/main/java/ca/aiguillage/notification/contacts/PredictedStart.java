package ca.aiguillage.notification.contacts;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * When waitlist-service expects a waiting client's therapy to start, and why.
 *
 * @param from the earliest likely day, or null when there is no basis for a forecast
 * @param to the latest likely day, or null when there is no basis for a forecast
 * @param basis how the range was forecast
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PredictedStart(String referralId, @Nullable LocalDate from, @Nullable LocalDate to,
		@Nullable Basis basis) {

	/**
	 * @param method {@code CAPACITY}, {@code OBSERVED_STARTS} or {@code NO_RECENT_STARTS}
	 * @param position the client's place in line, 1 for the next to start
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Basis(@Nullable String method, @Nullable Integer position) {
	}

}
