package ca.aiguillage.notification.templates;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A message an event calls for, not yet rendered: its facts are language-neutral codes
 * and times, put into words only once the recipient's language is known.
 *
 * @param eventId the id of the event that calls for it
 * @param eventType the CloudEvents type of that event
 * @param audience who it is for
 * @param facts placeholder values by placeholder name, as codes and ISO-8601 text
 * @param urgent whether a text message goes even in quiet hours
 * @param notBefore when a reminder is due (never in quiet hours, on any channel), or null
 * for a message that goes at once
 */
public record MessageRequest(String eventId, String eventType, String template, Audience audience,
		Map<String, String> facts, boolean urgent, @Nullable Instant notBefore) {

	/** The same message with another template of the same event and audience. */
	public MessageRequest withTemplate(String template) {
		return new MessageRequest(this.eventId, this.eventType, template, this.audience, this.facts, this.urgent,
				this.notBefore);
	}

	public MessageRequest withFacts(Map<String, String> added) {
		Map<String, String> all = new java.util.LinkedHashMap<>(this.facts);
		all.putAll(added);
		return new MessageRequest(this.eventId, this.eventType, this.template, this.audience, all, this.urgent,
				this.notBefore);
	}

	/** This message's reminder: another template, with the same facts, due later. */
	public MessageRequest reminder(String template, Instant at) {
		return new MessageRequest(this.eventId, this.eventType, template, this.audience, this.facts, this.urgent, at);
	}

}
