package ca.aiguillage.waitlist.actions;

import java.time.Instant;
import java.util.List;

import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.waitlist.ReferralLeftQueueV1.Outcome;
import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.web.FieldViolation;
import ca.aiguillage.platform.web.InvalidRequestException;
import ca.aiguillage.waitlist.queue.QueueEntry;
import ca.aiguillage.waitlist.queue.QueueView;
import ca.aiguillage.waitlist.queue.QueueView.QueueItem;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * One endpoint per coordinator action. Each needs the referral's current revision in
 * {@code If-Match} (its {@code ETag}), so two coordinators acting at once cannot
 * overwrite each other: the second gets 409.
 */
@RestController
@RequestMapping("/api/v1/queue/{referralId}")
@PreAuthorize("hasAnyRole('ADMIN', 'COORDINATOR')")
class ActionController {

	private final Decisions decisions;

	private final QueueView view;

	ActionController(Decisions decisions, QueueView view) {
		this.decisions = decisions;
		this.view = view;
	}

	/**
	 * A decision that may carry a reason.
	 *
	 * @param reason why, kept in this service only
	 */
	record Reason(@Nullable String reason) {
	}

	/**
	 * Another therapist than the one proposed.
	 *
	 * @param therapistId the therapist chosen
	 * @param brokenConstraints codes of the hard constraints the choice breaks
	 * @param reason why
	 */
	record OtherTherapist(@Nullable String therapistId, @Nullable List<String> brokenConstraints,
			@Nullable String reason) {
	}

	/**
	 * A new priority.
	 *
	 * @param reason why
	 */
	record Reprioritisation(@Nullable Priority priority, @Nullable String reason) {
	}

	/**
	 * When a session took place.
	 *
	 * @param at when, or null for now
	 */
	record Session(@Nullable Instant at) {
	}

	@PostMapping("/confirmation")
	ResponseEntity<QueueItem> confirm(@PathVariable String referralId,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		return answer(this.decisions.confirm(referralId, Caller.current(), revision(ifMatch)));
	}

	@PostMapping("/override")
	ResponseEntity<QueueItem> override(@PathVariable String referralId,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody OtherTherapist body) {
		return answer(this.decisions.override(referralId, Caller.current(), revision(ifMatch), body.therapistId(),
				body.brokenConstraints(), body.reason()));
	}

	@PostMapping("/decline")
	ResponseEntity<QueueItem> decline(@PathVariable String referralId,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody(required = false) @Nullable Reason body) {
		return answer(this.decisions.decline(referralId, Caller.current(), revision(ifMatch), reason(body)));
	}

	@PostMapping("/first-session")
	ResponseEntity<QueueItem> firstSession(@PathVariable String referralId,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody(required = false) @Nullable Session body) {
		return answer(this.decisions.firstSession(referralId, Caller.current(), revision(ifMatch),
				(body != null) ? body.at() : null));
	}

	@PostMapping("/end")
	ResponseEntity<QueueItem> end(@PathVariable String referralId,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody(required = false) @Nullable Session body) {
		return answer(
				this.decisions.end(referralId, Caller.current(), revision(ifMatch), (body != null) ? body.at() : null));
	}

	@PostMapping("/unreachable")
	ResponseEntity<QueueItem> unreachable(@PathVariable String referralId,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody(required = false) @Nullable Reason body) {
		return answer(this.decisions.leave(referralId, Caller.current(), revision(ifMatch), Outcome.UNREACHABLE,
				reason(body)));
	}

	@PostMapping("/ineligibility")
	ResponseEntity<QueueItem> ineligible(@PathVariable String referralId,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody(required = false) @Nullable Reason body) {
		return answer(this.decisions.leave(referralId, Caller.current(), revision(ifMatch), Outcome.INELIGIBLE,
				reason(body)));
	}

	@PostMapping("/redirection")
	ResponseEntity<QueueItem> redirect(@PathVariable String referralId,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody(required = false) @Nullable Reason body) {
		return answer(this.decisions.leave(referralId, Caller.current(), revision(ifMatch), Outcome.REDIRECTED,
				reason(body)));
	}

	/**
	 * The organization taking a referral of the network queue.
	 *
	 * @param organizationId the organization, for an administrator (a coordinator takes
	 * it into their own)
	 */
	record Taking(@Nullable String organizationId) {
	}

	@PostMapping("/taking")
	ResponseEntity<QueueItem> take(@PathVariable String referralId,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody(required = false) @Nullable Taking body) {
		return answer(this.decisions.take(referralId, Caller.current(), revision(ifMatch),
				(body != null) ? body.organizationId() : null));
	}

	@PostMapping("/follow-up")
	ResponseEntity<QueueItem> followUp(@PathVariable String referralId,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody(required = false) @Nullable Reason body) {
		return answer(this.decisions.followUp(referralId, Caller.current(), revision(ifMatch), reason(body)));
	}

	@PostMapping("/priority")
	ResponseEntity<QueueItem> reprioritise(@PathVariable String referralId,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody Reprioritisation body) {
		return answer(this.decisions.reprioritise(referralId, Caller.current(), revision(ifMatch), body.priority(),
				body.reason()));
	}

	@PostMapping("/rematch")
	ResponseEntity<QueueItem> rematch(@PathVariable String referralId,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody(required = false) @Nullable Reason body) {
		return answer(this.decisions.rematch(referralId, Caller.current(), revision(ifMatch), reason(body)));
	}

	private ResponseEntity<QueueItem> answer(QueueEntry entry) {
		QueueItem item = this.view.item(entry);
		return ResponseEntity.ok().eTag("\"" + item.revision() + "\"").body(item);
	}

	private static @Nullable String reason(@Nullable Reason body) {
		return (body != null) ? body.reason() : null;
	}

	/**
	 * The revision in {@code If-Match}: required, so that no one decides on a state they
	 * have not seen.
	 */
	static long revision(@Nullable String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank()) {
			throw new RevisionRequiredException();
		}
		String tag = ifMatch.strip();
		if (tag.startsWith("W/")) {
			tag = tag.substring(2);
		}
		tag = tag.replace("\"", "");
		try {
			return Long.parseLong(tag);
		}
		catch (NumberFormatException ex) {
			throw new InvalidRequestException(List.of(new FieldViolation("If-Match", "invalid.revision")));
		}
	}

}
