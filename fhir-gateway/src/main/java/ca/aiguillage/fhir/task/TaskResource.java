package ca.aiguillage.fhir.task;

import java.util.Date;

import ca.aiguillage.fhir.conformance.Conformance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;

/** A projected referral as the FHIR Task partners read. */
final class TaskResource {

	private TaskResource() {
	}

	static Task of(Tasks.Entry entry, Stage stage) {
		Task task = new Task();
		task.setId(entry.referralId());
		if (entry.lastUpdated() != null) {
			task.getMeta().setLastUpdated(Date.from(entry.lastUpdated()));
		}
		task.setStatus(stage.taskStatus())
			.setBusinessStatus(new CodeableConcept(new Coding(Conformance.REFERRAL_STATUS, stage.code(), null)))
			.setIntent(Task.TaskIntent.ORDER)
			.setFocus(new Reference("ServiceRequest/" + entry.referralId()))
			.setAuthoredOn(Date.from(entry.authoredOn()))
			.setLastModified(
					Date.from(entry.stageAt().isBefore(entry.authoredOn()) ? entry.authoredOn() : entry.stageAt()));
		task.addBasedOn(new Reference("ServiceRequest/" + entry.referralId()));
		task.getCode()
			.addCoding(new Coding("http://hl7.org/fhir/CodeSystem/task-code", "fulfill", "Fulfill the focal request"));
		if (entry.organizationId() != null) {
			task.setOwner(new Reference("Organization/" + entry.organizationId()));
		}
		if (entry.partnerId() != null) {
			task.setRequester(new Reference()
				.setIdentifier(new Identifier().setSystem(Conformance.PARTNER_ID).setValue(entry.partnerId())));
		}
		return task;
	}

	static Task of(Tasks.Entry entry) {
		return of(entry, entry.stage());
	}

}
