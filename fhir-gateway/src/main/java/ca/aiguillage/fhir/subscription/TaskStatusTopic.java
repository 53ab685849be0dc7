package ca.aiguillage.fhir.subscription;

import java.util.Date;
import java.util.UUID;

import ca.aiguillage.fhir.conformance.Conformance;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.MarkdownType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;

/**
 * Our one subscription topic and what its notifications hold, as the R4 Subscriptions
 * Backport writes them: the topic as a Basic with R5 cross-version extensions, each
 * notification's status as a Parameters.
 */
final class TaskStatusTopic {

	/** The topic's canonical URL, a Subscription's criteria. */
	static final String URL = Conformance.BASE + "/SubscriptionTopic/task-status";

	private static final String R5 = "http://hl7.org/fhir/5.0/StructureDefinition/extension-SubscriptionTopic.";

	private static final Date PUBLISHED = new Date(1_796_083_200_000L);

	private TaskStatusTopic() {
	}

	/**
	 * The topic, at {@code GET /fhir/Basic/task-status}.
	 * @return it as a Basic
	 */
	static Basic basic() {
		Basic basic = new Basic();
		basic.setId("task-status");
		basic.setCode(new CodeableConcept(new Coding("http://hl7.org/fhir/fhir-types", "SubscriptionTopic", null)));
		basic.setCreated(PUBLISHED);
		basic.addExtension(R5 + "url", new UriType(URL));
		basic.addExtension(R5 + "version", new StringType("1"));
		basic.addExtension(R5 + "name", new StringType("TaskStatus"));
		basic.addExtension(R5 + "title", new StringType("Où en est une demande"));
		basic.addExtension(R5 + "status", new CodeType("active"));
		basic.addExtension(R5 + "description",
				new MarkdownType(
						"Each move of a referral's Task (status and businessStatus of CodeSystem referral-status); "
								+ "a partner is told about its own referrals only."));
		Extension trigger = basic.addExtension().setUrl(R5 + "resourceTrigger");
		trigger.addExtension("description", new MarkdownType("A referral's Task reached a new stage"));
		trigger.addExtension("resource", new UriType("http://hl7.org/fhir/StructureDefinition/Task"));
		trigger.addExtension("supportedInteraction", new CodeType("create"));
		trigger.addExtension("supportedInteraction", new CodeType("update"));
		Extension requester = basic.addExtension().setUrl(R5 + "canFilterBy");
		requester.addExtension("description",
				new MarkdownType("Always the subscribing partner: the Tasks of the referrals it sent"));
		requester.addExtension("resource", new UriType("Task"));
		requester.addExtension("filterParameter", new StringType("requester"));
		return basic;
	}

	/**
	 * The status part of one notification.
	 * @param subscription the subscription
	 * @param subscriptionStatus its status now: {@code active}, or {@code error} while
	 * its endpoint fails
	 * @param eventNumber the notification's number since the subscription started
	 * @param at when the Task moved
	 * @param taskId the Task
	 * @return the SubscriptionStatus, as a Parameters
	 */
	static Parameters status(String subscription, String subscriptionStatus, long eventNumber, Date at, String taskId) {
		Parameters status = new Parameters();
		status.setId(UUID.randomUUID().toString());
		status.addParameter().setName("subscription").setValue(new Reference("Subscription/" + subscription));
		status.addParameter().setName("topic").setValue(new CanonicalType(URL));
		status.addParameter().setName("status").setValue(new CodeType(subscriptionStatus));
		status.addParameter().setName("type").setValue(new CodeType("event-notification"));
		status.addParameter()
			.setName("events-since-subscription-start")
			.setValue(new StringType(Long.toString(eventNumber)));
		Parameters.ParametersParameterComponent event = status.addParameter().setName("notification-event");
		event.addPart().setName("event-number").setValue(new StringType(Long.toString(eventNumber)));
		event.addPart().setName("timestamp").setValue(new InstantType(at));
		event.addPart().setName("focus").setValue(new Reference("Task/" + taskId));
		return status;
	}

}
