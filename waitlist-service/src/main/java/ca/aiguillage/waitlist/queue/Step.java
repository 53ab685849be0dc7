package ca.aiguillage.waitlist.queue;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One step of a referral's timeline: what happened, when, and its codes (never personal
 * data; a coordinator's free-text reason stays in this service).
 *
 * @param at when it happened
 * @param what what happened
 * @param detail codes that say more (a therapist id, an outcome, a cause), or null
 * @param reason the coordinator's reason, for decisions that ask for one, or null
 */
public record Step(Instant at, StepKind what, @Nullable String detail, @Nullable String reason) {

	Step withReason(@Nullable String reason) {
		return new Step(this.at, this.what, this.detail, reason);
	}

}
