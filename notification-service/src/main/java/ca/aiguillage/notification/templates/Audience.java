package ca.aiguillage.notification.templates;

import java.util.List;

/** Who a message is for, and which texts its template needs. */
public enum Audience {

	/** The person referred: email (plain text and HTML) and a text message. */
	CLIENT(List.of("subject", "body", "sms")),
	/** The referring partner, by webhook: a one-line summary beside the status code. */
	REFERRER(List.of("subject")),
	/** The coordinators of the organization, by email. */
	COORDINATOR(List.of("subject", "body"));

	private final List<String> parts;

	Audience(List<String> parts) {
		this.parts = parts;
	}

	/** The texts each of its templates must have in every language. */
	List<String> parts() {
		return this.parts;
	}

}
