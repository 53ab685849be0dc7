package ca.aiguillage.fhir.task;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.hl7.fhir.instance.model.api.IBaseResource;

/** The Task of every stage, as the gateway answers and pushes it, for the validator. */
public final class TaskSamples {

	private static final Instant SUBMITTED = Instant.parse("2026-11-20T14:15:00Z");

	private TaskSamples() {
	}

	public static Map<String, IBaseResource> all() {
		Map<String, IBaseResource> tasks = new LinkedHashMap<>();
		for (Stage stage : Stage.values()) {
			tasks.put("`Task` " + stage.code(), TaskResource.of(new Tasks.Entry("ref-1", stage, "clsc-ahuntsic",
					"org-laval", SUBMITTED, SUBMITTED.plusSeconds(60), SUBMITTED.plusSeconds(61))));
		}
		return tasks;
	}

}
