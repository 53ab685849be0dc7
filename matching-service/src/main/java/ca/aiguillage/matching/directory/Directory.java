package ca.aiguillage.matching.directory;

import java.time.Clock;
import java.util.List;

import ca.aiguillage.platform.outbox.Aggregates;
import ca.aiguillage.platform.web.FieldViolation;
import ca.aiguillage.platform.web.InvalidRequestException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * Creates and replaces directory entries without losing a place a matcher reserved
 * meanwhile.
 */
@Service
class Directory {

	private static final int ATTEMPTS = 10;

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
	 * @param id the therapist id
	 * @param profile what they declare
	 * @return the saved entry, and whether it is new
	 * @throws InvalidRequestException when a field breaks a rule
	 */
	Entry put(String id, TherapistProfile profile) {
		List<FieldViolation> violations = this.validation.violations(id, profile);
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		for (int attempt = 1;; attempt++) {
			Therapist existing = this.therapists.find(id).orElse(null);
			Therapist therapist = (existing != null) ? existing : new Therapist(id);
			therapist.describe(profile, this.clock.instant());
			try {
				Therapist saved = this.aggregates.save(therapist);
				this.publisher.publishEvent(new TherapistSaved(saved));
				return new Entry(saved, existing == null);
			}
			catch (OptimisticLockingFailureException | DuplicateKeyException ex) {
				// A matcher reserved a place, or another request wrote first: describe
				// the fresh document again.
				if (attempt == ATTEMPTS) {
					throw ex;
				}
			}
		}
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
