package ca.aiguillage.platform.deadletters;

import java.util.List;

import ca.aiguillage.platform.deadletters.DeadLetters.AlreadyHandledException;
import ca.aiguillage.platform.deadletters.DeadLetters.DeadLetterNotFoundException;
import ca.aiguillage.platform.deadletters.DeadLetters.ReplayFailedException;
import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.web.FieldViolation;
import ca.aiguillage.platform.web.InvalidRequestException;
import ca.aiguillage.platform.web.NotFoundException;
import ca.aiguillage.platform.web.UnavailableException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Administrators list, replay and discard this service's dead letters. */
@RestController
@RequestMapping("/api/v1/admin/dead-letters")
public class DeadLetterController {

	/** The problem's key when a replayed dead letter's consumer fails on it again. */
	public static final String REPLAY_FAILED = "replay-failed";

	private static final int REASON_MAX = 500;

	// Kafka's own rule for topic names.
	private static final String TOPIC = "[a-zA-Z0-9._-]{1,249}";

	private final DeadLetters deadLetters;

	public DeadLetterController(DeadLetters deadLetters) {
		this.deadLetters = deadLetters;
	}

	@GetMapping
	List<DeadLetter> list() {
		administrator();
		return this.deadLetters.list();
	}

	@PostMapping("/replay-all")
	List<DeadLetter> replayAll(@RequestParam(required = false) @Nullable String topic) {
		Caller caller = administrator();
		if (topic != null && !topic.matches(TOPIC)) {
			throw new InvalidRequestException(List.of(new FieldViolation("topic", "pattern")));
		}
		return this.deadLetters.replayAll(topic, caller.subject());
	}

	@PostMapping("/{id}/replay")
	DeadLetter replay(@PathVariable String id) {
		Caller caller = administrator();
		return handled(() -> this.deadLetters.replay(id, caller.subject()));
	}

	@PostMapping("/{id}/discard")
	DeadLetter discard(@PathVariable String id, @RequestBody Discard discard) {
		Caller caller = administrator();
		String reason = (discard.reason() != null) ? discard.reason().strip() : "";
		if (reason.isEmpty() || reason.length() > REASON_MAX) {
			throw new InvalidRequestException(List.of(new FieldViolation("reason", "required")));
		}
		return handled(() -> this.deadLetters.discard(id, caller.subject(), reason));
	}

	private static Caller administrator() {
		Caller caller = Caller.current();
		if (!caller.isAdmin()) {
			throw new AccessDeniedException("dead letters are for administrators");
		}
		return caller;
	}

	private static DeadLetter handled(java.util.function.Supplier<DeadLetter> action) {
		try {
			return action.get();
		}
		catch (DeadLetterNotFoundException ex) {
			throw new NotFoundException("dead letter");
		}
		catch (AlreadyHandledException ex) {
			throw new ErrorResponseException(HttpStatus.CONFLICT);
		}
		catch (ReplayFailedException ex) {
			// Its consumer failed on it again (the database still away, say): it stays
			// waiting, to be replayed later.
			throw new UnavailableException(REPLAY_FAILED, ex);
		}
	}

	/**
	 * Why a dead letter is discarded.
	 *
	 * @param reason a short text, at most 500 characters, kept with the action
	 */
	record Discard(@Nullable String reason) {
	}

}
