package ca.aiguillage.fhir.subscription;

import java.util.Date;
import java.util.List;

import ca.aiguillage.fhir.conformance.Conformance;
import ca.aiguillage.fhir.conformance.Validation;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topic and a notification's status, as the Subscriptions Backport writes them in R4,
 * pass the validator, which checks each R5 cross-version extension's type.
 */
class TaskStatusTopicTests {

	private static final Validation validation = new Validation(Conformance.load());

	@Test
	void topicIsValid() {
		assertThat(messages(TaskStatusTopic.basic())).isEmpty();
	}

	@Test
	void topicWhoseCrossVersionExtensionHasTheWrongTypeIsNot() {
		Basic topic = TaskStatusTopic.basic();
		// R5's SubscriptionTopic.description is markdown: a string is caught, so the
		// check is real.
		Extension description = topic
			.getExtensionByUrl("http://hl7.org/fhir/5.0/StructureDefinition/extension-SubscriptionTopic.description");
		description.setValue(new StringType(description.getValue().primitiveValue()));

		assertThat(messages(topic)).anyMatch((message) -> message.contains("SubscriptionTopic.description"))
			.noneMatch((message) -> message.contains("invalid Version"));
	}

	@Test
	void notificationStatusIsValid() {
		assertThat(messages(TaskStatusTopic.status("sub-1", "error", 3, new Date(), "r-1"))).isEmpty();
	}

	private static List<String> messages(org.hl7.fhir.r4.model.Resource resource) {
		return validation.errors(resource)
			.stream()
			.map((SingleValidationMessage message) -> message.getLocationString() + ": " + message.getMessage())
			.toList();
	}

}
