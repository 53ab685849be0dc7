package ca.aiguillage.fhir.subscription;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ca.aiguillage.fhir.task.TaskSamples;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Task;

/**
 * The topic, a Subscription as answered, and a notification, as the gateway sends them,
 * for the validator.
 */
public final class SubscriptionSamples {

	private static final Instant NOW = Instant.parse("2026-12-04T13:05:00Z");

	private SubscriptionSamples() {
	}

	public static Map<String, IBaseResource> all() {
		Subscriptions.Entry active = new Subscriptions.Entry("sub-1", "clsc-ahuntsic",
				URI.create("https://ehr.example.org/aiguillage"), "whsec_c2VjcmV0", 2, Subscriptions.ACTIVE, List.of(),
				null, null);
		Subscriptions.Entry failing = new Subscriptions.Entry("sub-1", "clsc-ahuntsic",
				URI.create("https://ehr.example.org/aiguillage"), "whsec_c2VjcmV0", 2, Subscriptions.ERROR, List.of(),
				null, null);
		Subscription created = SubscriptionController.resource(active);
		created.addExtension(SubscriptionController.SIGNING_SECRET, new StringType(active.secret()));
		Task accepted = (Task) TaskSamples.all().get("`Task` accepted");
		Map<String, IBaseResource> sent = new LinkedHashMap<>();
		sent.put("`Basic/task-status` (the topic)", TaskStatusTopic.basic());
		sent.put("`Subscription` created (`201`, with its secret)", created);
		sent.put("`Subscription` read back, active", SubscriptionController.resource(active));
		sent.put("`Subscription` read back, in error", SubscriptionController.resource(failing));
		sent.put("notification `Bundle` (`history`: `Parameters` + `Task`)",
				Notifier.bundle(URI.create("https://aiguillage.example.org/fhir"), NOW, "sub-1", Subscriptions.ACTIVE,
						2, NOW, accepted));
		sent.put("notification `Bundle` tried again (status `error`)",
				Notifier.bundle(URI.create("https://aiguillage.example.org/fhir"), NOW, "sub-1", Subscriptions.ERROR, 2,
						NOW, accepted));
		return sent;
	}

}
