package ca.aiguillage.notification.delivery;

import java.time.Instant;

import ca.aiguillage.contracts.notification.ClientAnsweredV1;
import org.jspecify.annotations.Nullable;

/**
 * A question put to the client (a proposal, a check-in) and the link that answers it.
 *
 * @param subject what is asked
 * @param subjectId the proposal or check-in id
 * @param linkId the id of the link sent with it
 * @param expiresAt when the link stops working
 * @param answer the answer, once given
 * @param closed whether it no longer awaits an answer (answered, or decided otherwise)
 * @param askedBy the id of the event whose messages ask it (its reminder among them), or
 * null for a question recorded before reminders existed
 * @param wording the message template whose own words the link page asks it in
 * ({@code availability-check}), or null for the subject's usual question
 */
public record OpenQuestion(ClientAnsweredV1.Subject subject, String subjectId, String linkId, Instant expiresAt,
		ClientAnsweredV1.@Nullable Answer answer, boolean closed, @Nullable String askedBy, @Nullable String wording) {

	/** The head-of-line check-in's wording: "are you still available?". */
	public static final String AVAILABILITY = "availability-check";

	OpenQuestion(ClientAnsweredV1.Subject subject, String subjectId, String linkId, Instant expiresAt,
			ClientAnsweredV1.@Nullable Answer answer, boolean closed, @Nullable String askedBy) {
		this(subject, subjectId, linkId, expiresAt, answer, closed, askedBy, null);
	}

	OpenQuestion answered(ClientAnsweredV1.Answer given) {
		return new OpenQuestion(this.subject, this.subjectId, this.linkId, this.expiresAt, given, true, this.askedBy,
				this.wording);
	}

	OpenQuestion close() {
		return new OpenQuestion(this.subject, this.subjectId, this.linkId, this.expiresAt, this.answer, true,
				this.askedBy, this.wording);
	}

}
