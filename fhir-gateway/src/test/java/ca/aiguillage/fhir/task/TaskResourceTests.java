package ca.aiguillage.fhir.task;

import java.time.Instant;

import ca.aiguillage.fhir.conformance.Conformance;
import ca.aiguillage.fhir.conformance.Validation;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class TaskResourceTests {

	private static final Logger log = LoggerFactory.getLogger(TaskResourceTests.class);

	private static final Instant SUBMITTED = Instant.parse("2026-11-20T14:15:00Z");

	@Test
	void everyStageIsAValidTaskOfItsStatusAndBusinessStatus() {
		Validation validation = new Validation(Conformance.load());
		for (Stage stage : Stage.values()) {
			Task task = TaskResource.of(new Tasks.Entry("ref-1", stage, "clsc-ahuntsic", "org-laval", SUBMITTED,
					SUBMITTED.plusSeconds(60), SUBMITTED.plusSeconds(61)));

			int errors = validation.errors(task).size();
			log.info("FHIR validator on the Task of stage {}: {} error(s)", stage, errors);
			assertThat(errors).isZero();
			assertThat(task.getStatus()).isEqualTo(stage.taskStatus());
			assertThat(task.getBusinessStatus().getCodingFirstRep().getCode()).isEqualTo(stage.code());
			assertThat(task.getBasedOnFirstRep().getReference()).isEqualTo("ServiceRequest/ref-1");
			assertThat(task.getOwner().getReference()).isEqualTo("Organization/org-laval");
		}
	}

	@Test
	void timelineStatusesMapToTheFhirTaskStatusesOfTheTable() {
		assertThat(Stage.RECEIVED.taskStatus()).isEqualTo(Task.TaskStatus.RECEIVED);
		assertThat(Stage.ACCEPTED.taskStatus()).isEqualTo(Task.TaskStatus.ACCEPTED);
		assertThat(Stage.IN_THERAPY.taskStatus()).isEqualTo(Task.TaskStatus.INPROGRESS);
		assertThat(Stage.COMPLETED.taskStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
		assertThat(Stage.WITHDRAWN.taskStatus()).isEqualTo(Task.TaskStatus.CANCELLED);
		assertThat(Stage.DECLINED.taskStatus()).isEqualTo(Task.TaskStatus.REJECTED);
		assertThat(Stage.UNREACHABLE.taskStatus()).isEqualTo(Task.TaskStatus.FAILED);
		assertThat(Stage.NO_LONGER_NEEDED.taskStatus()).isEqualTo(Task.TaskStatus.CANCELLED);
	}

}
