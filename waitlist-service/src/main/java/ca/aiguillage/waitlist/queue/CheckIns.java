package ca.aiguillage.waitlist.queue;

import java.time.Duration;
import java.time.Instant;

import ca.aiguillage.contracts.waitlist.CheckInDueV1;
import org.jspecify.annotations.Nullable;

/**
 * The check-ins of the current wait: when it began, the last check-in and whether it was
 * answered. Stored flat in the entry's document, under the field names it always had.
 */
final class CheckIns {

	private @Nullable Instant waitingSince;

	private int checkInSequence;

	private @Nullable String checkInId;

	private @Nullable Instant checkInDueAt;

	private @Nullable Instant checkInAnswerBy;

	private boolean checkInAnswered;

	private int unansweredInARow;

	private @Nullable String noAnswerReviewedCheckInId;

	/** Whether this wait's client was asked once at the head of a likely line. */
	private boolean askedAtHeadOfLine;

	/** A new wait: its check-ins count from one again. */
	void newWait(Instant at) {
		this.waitingSince = at;
		this.checkInSequence = 0;
		this.checkInId = null;
		this.checkInDueAt = null;
		this.checkInAnswerBy = null;
		this.checkInAnswered = false;
		this.unansweredInARow = 0;
		this.askedAtHeadOfLine = false;
	}

	void due(CheckInDueV1 checkIn) {
		if (this.checkInId != null && !this.checkInAnswered) {
			this.unansweredInARow++;
		}
		this.checkInSequence = checkIn.sequence();
		this.checkInId = checkIn.checkInId();
		this.checkInDueAt = checkIn.dueAt();
		this.checkInAnswerBy = checkIn.answerBy();
		this.checkInAnswered = false;
		if (checkIn.trigger() == CheckInDueV1.Trigger.HEAD_OF_LINE) {
			this.askedAtHeadOfLine = true;
		}
	}

	/**
	 * Whether a client at the head of a likely line is asked now: once a wait, and not
	 * when a check-in of this wait fell due within the window.
	 */
	boolean askableAtHeadOfLine(Instant now, Duration window) {
		return this.waitingSince != null && !this.askedAtHeadOfLine
				&& (this.checkInDueAt == null || !this.checkInDueAt.isAfter(now.minus(window)));
	}

	void answered(String checkInId) {
		if (checkInId.equals(this.checkInId)) {
			this.checkInAnswered = true;
			this.unansweredInARow = 0;
		}
	}

	void reviewedNoAnswer() {
		this.noAnswerReviewedCheckInId = this.checkInId;
	}

	int sequence() {
		return this.checkInSequence;
	}

	/**
	 * When the next check-in falls due in this wait, or null before the wait began.
	 * @param interval the time between check-ins
	 * @param askAgainWhenUnanswered whether the first check-in of a silence is asked
	 * again as soon as its answer window closes
	 */
	@Nullable Instant nextAt(Duration interval, boolean askAgainWhenUnanswered) {
		if (this.waitingSince == null) {
			return null;
		}
		if (askAgainWhenUnanswered && this.checkInId != null && !this.checkInAnswered && this.unansweredInARow == 0
				&& this.checkInAnswerBy != null) {
			// A client who did not answer is asked again once before a coordinator is.
			return this.checkInAnswerBy;
		}
		Instant from = (this.checkInDueAt != null) ? this.checkInDueAt : this.waitingSince;
		return from.plus(interval);
	}

	/**
	 * When coordinators are asked to look because the check-ins went unanswered, or null
	 * when they need not be.
	 */
	@Nullable Instant noAnswerReviewAt(int unansweredBeforeReview) {
		if (this.checkInId == null || this.checkInAnswered || this.checkInId.equals(this.noAnswerReviewedCheckInId)
				|| this.unansweredInARow + 1 < unansweredBeforeReview) {
			return null;
		}
		return this.checkInAnswerBy;
	}

}
