package ca.aiguillage.waitlist.queue;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * How long an organization's proposals wait for the client's answer, so that
 * notification-service tells the client the very deadline this service enforces.
 */
@RestController
class AnswerWindowController {

	private final TimerSettings settings;

	AnswerWindowController(TimerSettings settings) {
		this.settings = settings;
	}

	@GetMapping("/api/v1/proposal-answer-windows/{organizationId}")
	@PreAuthorize("hasAnyRole('ADMIN', 'COORDINATOR') or (hasRole('SERVICE') and T(ca.aiguillage.platform.security.Caller).current().isService('notification-service'))")
	AnswerWindow answerWindow(@PathVariable String organizationId) {
		return new AnswerWindow(organizationId, this.settings.proposalAnswerWindowOf(organizationId).toString());
	}

	/**
	 * One organization's answer window.
	 *
	 * @param organizationId the organization
	 * @param answerWindow how long its proposals wait, ISO-8601 ({@code PT48H})
	 */
	record AnswerWindow(String organizationId, String answerWindow) {
	}

}
