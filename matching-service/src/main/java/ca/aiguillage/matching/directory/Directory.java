package ca.aiguillage.matching.directory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import ca.aiguillage.platform.outbox.Aggregates;
import ca.aiguillage.platform.outbox.Outcome;
import ca.aiguillage.platform.web.FieldViolation;
import ca.aiguillage.platform.web.InvalidRequestException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Creates and replaces directory entries without losing a place a matcher reserved
 * meanwhile.
 */
@Service
class Directory {

	private final TherapistValidation validation;

	private final Therapists therapists;

	private final Aggregates aggregates;

	private final ApplicationEventPublisher publisher;

	private final Clock clock;

	Directory(TherapistValidation validation, Therapists therapists, Aggregates aggregates,
			ApplicationEventPublisher publisher, Clock clock) {
		this.validation = validation;
		this.therapists = therapists;
		this.aggregates = aggregates;
		this.publisher = publisher;
		this.clock = clock;
	}

	/**
	 * Creates a therapist or replaces what they declare, keeping their reservations.
	 * @return the saved entry, and whether it is new
	 * @throws InvalidRequestException when a field breaks a rule
	 */
	Entry put(String id, TherapistProfile profile) {
		List<FieldViolation> violations = this.validation.violations(id, profile);
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		Instant now = this.clock.instant();
		// Described again on the fresh document, so a place a matcher reserved meanwhile
		// stays reserved.
		Entry entry = this.aggregates.update(Therapist.class, id, found -> {
			Therapist therapist = found.orElseGet(() -> new Therapist(id));
			therapist.describe(profile, now);
			return Outcome.save(therapist, new Entry(therapist, found.isEmpty()));
		});
		this.publisher.publishEvent(new TherapistSaved(entry.therapist()));
		return entry;
	}

	/**
	 * A saved directory entry.
	 *
	 * @param therapist the therapist as saved
	 * @param created whether the entry did not exist before
	 */
	record Entry(Therapist therapist, boolean created) {
	}

}
