package ca.aiguillage.waitlist.insight;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import ca.aiguillage.waitlist.queue.QueueEntry;
import ca.aiguillage.waitlist.queue.Step;
import org.jspecify.annotations.Nullable;

/**
 * One client's wait from registration to first session, and the part of it the client
 * caused: from each proposal they declined or let expire to the next proposal (or to the
 * first session). An unanswered check-in is not counted: the client stays in the queue
 * and can be proposed a therapist meanwhile, so it delays nothing.
 *
 * @param total registration to first session
 * @param clientDelay the part of the wait the client caused
 */
record ClientWait(Duration total, Duration clientDelay) {

	static @Nullable ClientWait of(QueueEntry entry) {
		Instant registered = entry.registeredAt();
		Instant firstSession = entry.firstSessionAt();
		if (registered == null || firstSession == null) {
			return null;
		}
		return of(registered, firstSession, entry.steps());
	}

	static ClientWait of(Instant registered, Instant firstSession, List<Step> steps) {
		Duration delay = Duration.ZERO;
		Instant lostSince = null;
		// Steps are in time order; only those before the first session belong to the
		// wait.
		for (Step step : steps) {
			if (step.at().isAfter(firstSession)) {
				break;
			}
			switch (step.what()) {
				case PROPOSAL_DECLINED, PROPOSAL_EXPIRED -> {
					if (lostSince == null) {
						lostSince = step.at();
					}
				}
				case PROPOSAL_MADE, PROPOSAL_OVERRIDDEN -> {
					if (lostSince != null) {
						delay = delay.plus(Duration.between(lostSince, step.at()));
						lostSince = null;
					}
				}
				default -> {
				}
			}
		}
		if (lostSince != null) {
			delay = delay.plus(Duration.between(lostSince, firstSession));
		}
		Duration wait = Duration.between(registered, firstSession);
		return new ClientWait(wait, (delay.compareTo(wait) > 0) ? wait : delay);
	}

	Duration withoutClientDelay() {
		return this.total.minus(this.clientDelay);
	}

	boolean delayedByClient() {
		return !this.clientDelay.isZero();
	}

}
