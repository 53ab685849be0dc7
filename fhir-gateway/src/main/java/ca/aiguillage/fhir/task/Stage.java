package ca.aiguillage.fhir.task;

import org.hl7.fhir.r4.model.Task.TaskStatus;

/**
 * Where a referral stands on its timeline, as a FHIR Task status and a business status of
 * our referral-status CodeSystem.
 */
enum Stage {

	RECEIVED(TaskStatus.RECEIVED, "received"),

	WAITLISTED(TaskStatus.RECEIVED, "waitlisted"),

	PROPOSED(TaskStatus.RECEIVED, "proposed"),

	ACCEPTED(TaskStatus.ACCEPTED, "accepted"),

	IN_THERAPY(TaskStatus.INPROGRESS, "in-therapy"),

	COMPLETED(TaskStatus.COMPLETED, "completed"),

	DECLINED(TaskStatus.REJECTED, "declined"),

	REDIRECTED(TaskStatus.REJECTED, "redirected"),

	LINKED(TaskStatus.REJECTED, "linked"),

	UNREACHABLE(TaskStatus.FAILED, "unreachable"),

	WITHDRAWN(TaskStatus.CANCELLED, "withdrawn"),

	/** The client said they no longer need the service: closed, nobody's failure. */
	NO_LONGER_NEEDED(TaskStatus.CANCELLED, "no-longer-needed");

	private final TaskStatus taskStatus;

	private final String code;

	Stage(TaskStatus taskStatus, String code) {
		this.taskStatus = taskStatus;
		this.code = code;
	}

	TaskStatus taskStatus() {
		return this.taskStatus;
	}

	String code() {
		return this.code;
	}

}
