package ca.aiguillage.waitlist.actions;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.waitlist.ReferralLeftQueueV1.Outcome;
import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.web.FieldChecks;
import ca.aiguillage.platform.web.InvalidRequestException;
import ca.aiguillage.waitlist.capacity.Capacity;
import ca.aiguillage.waitlist.queue.DecisionNotes;
import ca.aiguillage.waitlist.queue.QueueEntries;
import ca.aiguillage.waitlist.queue.QueueEntries.Decided;
import ca.aiguillage.waitlist.queue.QueueEntry;
import ca.aiguillage.waitlist.queue.Step;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * The coordinators' actions, from the API and the console alike: each one conditional
 * write of the referral's entry with the event it publishes.
 */
@Service
public class Decisions {

	/** The longest reason kept. */
	static final int MAX_REASON = 2000;

	private final QueueEntries entries;

	private final DecisionNotes notes;

	private final Capacity capacity;

	private final Clock clock;

	Decisions(QueueEntries entries, DecisionNotes notes, Capacity capacity, Clock clock) {
		this.entries = entries;
		this.notes = notes;
		this.capacity = capacity;
		this.clock = clock;
	}

	public QueueEntry confirm(String referralId, Caller caller, @Nullable Long revision) {
		return decide(referralId, caller, revision, (entry, now) -> entry.confirm(now));
	}

	public QueueEntry override(String referralId, Caller caller, @Nullable Long revision, @Nullable String therapistId,
			@Nullable List<String> brokenConstraints, @Nullable String reason) {
		FieldChecks checks = new FieldChecks();
		checks.requiredText("therapistId", therapistId);
		checks.rule("brokenConstraints",
				brokenConstraints == null
						|| brokenConstraints.stream().allMatch(code -> code != null && code.matches("[A-Z_]{1,64}")),
				"invalid.constraintCode");
		requireReason(checks, reason);
		return decide(referralId, caller, revision, (entry, now) -> {
			requireTherapistOf(entry, therapistId);
			return entry.override(therapistId, (brokenConstraints != null) ? brokenConstraints : List.of(),
					stripped(reason), now);
		});
	}

	public QueueEntry decline(String referralId, Caller caller, @Nullable Long revision, @Nullable String reason) {
		optionalReason(reason);
		return decide(referralId, caller, revision, (entry, now) -> entry.decline(stripped(reason), now));
	}

	public QueueEntry firstSession(String referralId, Caller caller, @Nullable Long revision, @Nullable Instant at) {
		return decide(referralId, caller, revision,
				(entry, now) -> entry.firstSession(pastOrNow("startedAt", at, now)));
	}

	public QueueEntry end(String referralId, Caller caller, @Nullable Long revision, @Nullable Instant at) {
		return decide(referralId, caller, revision, (entry, now) -> entry.end(pastOrNow("endedAt", at, now)));
	}

	public QueueEntry leave(String referralId, Caller caller, @Nullable Long revision, Outcome outcome,
			@Nullable String reason) {
		if (outcome == Outcome.UNREACHABLE) {
			optionalReason(reason);
		}
		else {
			FieldChecks checks = new FieldChecks();
			requireReason(checks, reason);
		}
		return decide(referralId, caller, revision, (entry, now) -> entry.leave(outcome, stripped(reason), now));
	}

	/**
	 * Takes a referral of the network queue into the caller's organization (an
	 * administrator names it).
	 */
	public QueueEntry take(String referralId, Caller caller, @Nullable Long revision, @Nullable String organizationId) {
		String organization = caller.isAdmin() ? organizationId : caller.organizationId();
		FieldChecks checks = new FieldChecks();
		checks.requiredText("organizationId", organization);
		refuseIfAny(checks);
		return decide(referralId, caller, revision, true, (entry, now) -> entry.take(organization, now));
	}

	/** Records, with a note, that someone followed up a crisis redirection. */
	public QueueEntry followUp(String referralId, Caller caller, @Nullable Long revision, @Nullable String note) {
		requireReason(new FieldChecks(), note);
		return decide(referralId, caller, revision, true, (entry, now) -> entry.followUp(stripped(note), now));
	}

	public QueueEntry reprioritise(String referralId, Caller caller, @Nullable Long revision,
			@Nullable Priority priority, @Nullable String reason) {
		FieldChecks checks = new FieldChecks();
		checks.required("priority", priority);
		requireReason(checks, reason);
		return decide(referralId, caller, revision,
				(entry, now) -> entry.reprioritise(priority, stripped(reason), now));
	}

	public QueueEntry rematch(String referralId, Caller caller, @Nullable Long revision, @Nullable String reason) {
		requireReason(new FieldChecks(), reason);
		return decide(referralId, caller, revision, (entry, now) -> entry.rematch(stripped(reason), now));
	}

	private QueueEntry decide(String referralId, Caller caller, @Nullable Long revision,
			BiFunction<QueueEntry, Instant, Step> decision) {
		return decide(referralId, caller, revision, false, decision);
	}

	private QueueEntry decide(String referralId, Caller caller, @Nullable Long revision, boolean inNetwork,
			BiFunction<QueueEntry, Instant, Step> decision) {
		Function<QueueEntry, Step> now = entry -> decision.apply(entry, this.clock.instant());
		Decided decided = inNetwork ? this.entries.decideInNetwork(referralId, caller, revision, now)
				: this.entries.decide(referralId, caller, revision, now);
		this.notes.keep(decided, caller.subject());
		return decided.entry();
	}

	/**
	 * Refuses a therapist matching-service never told of, or one of another organization
	 * than the referral's, before anything is published: matching could reserve no place.
	 */
	private void requireTherapistOf(QueueEntry entry, String therapistId) {
		Optional<String> organization = this.capacity.organizationOf(therapistId);
		FieldChecks checks = new FieldChecks();
		checks.rule("therapistId",
				organization.isPresent()
						&& (entry.organizationId() == null || organization.get().equals(entry.organizationId())),
				"invalid.therapist");
		refuseIfAny(checks);
	}

	private static @Nullable String stripped(@Nullable String reason) {
		return (reason == null || reason.isBlank()) ? null : reason.strip();
	}

	private static Instant pastOrNow(String field, @Nullable Instant at, Instant now) {
		if (at == null) {
			return now;
		}
		FieldChecks checks = new FieldChecks();
		checks.rule(field, !at.isAfter(now), "invalid.future");
		refuseIfAny(checks);
		return at;
	}

	private static void requireReason(FieldChecks checks, @Nullable String reason) {
		if (checks.requiredText("reason", reason)) {
			checks.rule("reason", reason.length() <= MAX_REASON, "invalid.reasonLength");
		}
		refuseIfAny(checks);
	}

	private static void optionalReason(@Nullable String reason) {
		FieldChecks checks = new FieldChecks();
		checks.rule("reason", reason == null || reason.length() <= MAX_REASON, "invalid.reasonLength");
		refuseIfAny(checks);
	}

	private static void refuseIfAny(FieldChecks checks) {
		if (!checks.violations().isEmpty()) {
			throw new InvalidRequestException(checks.violations());
		}
	}

}
