package ca.aiguillage.fhir.task;

import org.hl7.fhir.r4.model.Task;

/**
 * A referral's Task reached a new stage, for whatever pushes it to its partner.
 *
 * @param task the Task as it stands now
 * @param partnerId the referring partner
 */
public record TaskMoved(Task task, String partnerId) {
}
