package ca.aiguillage.matching.directory;

/**
 * A directory entry was written by this instance; the matcher's snapshot takes it in at
 * once instead of waiting for its change event.
 *
 * @param therapist the entry as saved
 */
public record TherapistSaved(Therapist therapist) {
}
