package ca.aiguillage.waitlist.queue;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An entry's timers and when each falls due, worked out from its state. Each is read
 * again after the previous one fired, since firing one moves the entry.
 */
final class TimerSchedule {

	/** The timers, in the order they fire when several are due at once. */
	enum Timer {

		/** An unanswered proposal expires. */
		PROPOSAL_EXPIRY,
		/** A waiting client gets a check-in. */
		CHECK_IN,
		/** Check-ins went unanswered. */
		NO_ANSWER_REVIEW,
		/** The referral stays too long in one state. */
		STATE_TOO_LONG,
		/** The client will pass 60 days of waiting. */
		SIXTY_DAY_RISK

	}

	private TimerSchedule() {
	}

	static @Nullable Instant dueAt(Timer timer, QueueEntry entry, TimerSettings settings) {
		QueueStatus status = entry.status();
		return switch (timer) {
			case PROPOSAL_EXPIRY -> (status == QueueStatus.PROPOSED && entry.currentProposal() != null)
					? entry.currentProposal().proposedAt().plus(settings.proposalAnswerWindowOf(entry.organizationId()))
					: null;
			case CHECK_IN -> (status == QueueStatus.WAITING && settings.checkInsEnabled())
					? entry.checkIns().nextAt(settings.checkInInterval(), settings.askAgainWhenUnanswered()) : null;
			case NO_ANSWER_REVIEW -> (status == QueueStatus.WAITING)
					? entry.checkIns().noAnswerReviewAt(settings.unansweredCheckInsBeforeReview()) : null;
			case STATE_TOO_LONG -> (status == null || !status.isOpen() || status == QueueStatus.IN_THERAPY
					|| entry.stateSince() == null || entry.stateSince().equals(entry.stateReviewedSince())) ? null
							: entry.stateSince().plus(settings.stateLimitOf(entry.organizationId()));
			case SIXTY_DAY_RISK -> (status == null || !QueueStatus.BEFORE_THERAPY.contains(status)
					|| entry.registeredAt() == null || entry.sixtyDayRiskFlagged()) ? null
							: entry.registeredAt().plus(settings.sixtyDayRiskAfter());
		};
	}

	/** The earliest timer, for the poller's query, or null when none is set. */
	static @Nullable Instant next(QueueEntry entry, TimerSettings settings) {
		Instant next = null;
		for (Timer timer : Timer.values()) {
			Instant due = dueAt(timer, entry, settings);
			if (due != null && (next == null || due.isBefore(next))) {
				next = due;
			}
		}
		return next;
	}

}
