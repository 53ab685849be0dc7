package ca.aiguillage.waitlist.queue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import ca.aiguillage.contracts.waitlist.ReferralLeftQueueV1.Outcome;
import org.jspecify.annotations.Nullable;

/**
 * The coordinators' actions and the state machine they form: each action, the states it
 * is allowed in and the state it leads to. The path is the action's name in URLs and
 * messages.
 */
public enum CoordinatorAction {

	/** Confirm the current proposal. */
	CONFIRMATION("confirmation", EnumSet.of(QueueStatus.PROPOSED), QueueStatus.CONFIRMED),
	/** Record the client's refusal. */
	DECLINE("decline", EnumSet.of(QueueStatus.PROPOSED), QueueStatus.WAITING),
	/** Choose another therapist. */
	OVERRIDE("override", EnumSet.of(QueueStatus.PROPOSED, QueueStatus.WAITING), QueueStatus.PROPOSED),
	/** Record the first session. */
	FIRST_SESSION("first-session", EnumSet.of(QueueStatus.CONFIRMED), QueueStatus.IN_THERAPY),
	/** End the therapy. */
	END("end", EnumSet.of(QueueStatus.IN_THERAPY), QueueStatus.CLOSED),
	/** Ask for another therapist during the therapy. */
	REMATCH("rematch", EnumSet.of(QueueStatus.IN_THERAPY), QueueStatus.WAITING),
	/** Change the priority, which keeps the state. */
	PRIORITY("priority", Leaving.STATES, null),
	/** The client could not be reached. */
	UNREACHABLE("unreachable", Leaving.STATES, QueueStatus.UNREACHABLE),
	/** The referral is not eligible. */
	INELIGIBLE("ineligible", Leaving.STATES, QueueStatus.INELIGIBLE),
	/** The referral goes elsewhere. */
	REDIRECTED("redirected", Leaving.STATES, QueueStatus.REDIRECTED),
	/** Take a referral no organization holds yet, which keeps the state. */
	TAKE("taking", Leaving.STATES, null),
	/** Record the follow-up of a referral redirected to crisis resources. */
	FOLLOW_UP("follow-up", EnumSet.allOf(QueueStatus.class), null);

	/**
	 * The actions that depend on more than the state: who holds the referral, its flags.
	 */
	private static final Set<CoordinatorAction> BEYOND_STATE = EnumSet.of(TAKE, FOLLOW_UP);

	private final String path;

	private final Set<QueueStatus> allowedIn;

	private final @Nullable QueueStatus target;

	CoordinatorAction(String path, Set<QueueStatus> allowedIn, @Nullable QueueStatus target) {
		this.path = path;
		this.allowedIn = allowedIn;
		this.target = target;
	}

	public String path() {
		return this.path;
	}

	public boolean allowedIn(@Nullable QueueStatus status) {
		return status != null && this.allowedIn.contains(status);
	}

	/** The state the action leads to, or null when it keeps the state. */
	public @Nullable QueueStatus target() {
		return this.target;
	}

	/**
	 * The actions a state allows (none before the referral is registered), in the
	 * console's order; taking and following up are offered by who holds the referral and
	 * its flags ({@link QueueEntry#actionsFor}).
	 */
	public static List<CoordinatorAction> allowedFor(@Nullable QueueStatus status) {
		return EnumSet.allOf(CoordinatorAction.class)
			.stream()
			.filter(action -> !BEYOND_STATE.contains(action) && action.allowedIn(status))
			.toList();
	}

	/** The action named by this path, if any. */
	public static Optional<CoordinatorAction> ofPath(String path) {
		return Arrays.stream(values()).filter(action -> action.path.equals(path)).findFirst();
	}

	/** The action that takes a referral out of the queue with this outcome. */
	static CoordinatorAction leaving(Outcome outcome) {
		return switch (outcome) {
			case UNREACHABLE -> UNREACHABLE;
			case INELIGIBLE -> INELIGIBLE;
			case REDIRECTED -> REDIRECTED;
		};
	}

	/** Whether a referral in this state may leave the queue. */
	static boolean leavableFrom(@Nullable QueueStatus status) {
		return status != null && Leaving.STATES.contains(status);
	}

	/** The states a referral may leave the queue from. */
	private static final class Leaving {

		static final Set<QueueStatus> STATES = EnumSet.of(QueueStatus.SUBMITTED, QueueStatus.WAITING,
				QueueStatus.PROPOSED, QueueStatus.CONFIRMED);

	}

}
