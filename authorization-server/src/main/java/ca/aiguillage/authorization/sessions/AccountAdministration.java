package ca.aiguillage.authorization.sessions;

import java.util.Locale;
import java.util.Map;

import ca.aiguillage.authorization.accounts.Accounts;
import ca.aiguillage.authorization.accounts.SuspendedAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An administrator ends a person's sessions at once (after removing a role, say) or
 * suspends the account: the person's authorizations and refresh tokens here are removed,
 * every application they are signed in to is sent a back-channel logout, and a suspended
 * account cannot sign in until reinstated. Each action logs one audit line naming the
 * administrator and the account, nothing more.
 */
@RestController
class AccountAdministration {

	private static final Logger audit = LoggerFactory.getLogger("ca.aiguillage.authorization.audit");

	private final Accounts accounts;

	private final SuspendedAccounts suspended;

	private final BackChannelLogout logout;

	private final EndedAccountSessions ownSessions;

	private final MessageSource messages;

	AccountAdministration(Accounts accounts, SuspendedAccounts suspended, BackChannelLogout logout,
			EndedAccountSessions ownSessions, MessageSource messages) {
		this.accounts = accounts;
		this.suspended = suspended;
		this.logout = logout;
		this.ownSessions = ownSessions;
		this.messages = messages;
	}

	@PostMapping("/admin/accounts/{username}/sessions/end")
	ResponseEntity<?> endSessions(@PathVariable String username, Authentication administrator, Locale locale) {
		if (this.accounts.user(username).isEmpty()) {
			return unknown(locale);
		}
		int applications = end(username);
		audit.info("Administrator {} ended the sessions of account {} ({} applications signed out)",
				administrator.getName(), username, applications);
		return ResponseEntity.ok(state(username, applications));
	}

	@PostMapping("/admin/accounts/{username}/suspend")
	ResponseEntity<?> suspend(@PathVariable String username, Authentication administrator, Locale locale) {
		if (this.accounts.user(username).isEmpty()) {
			return unknown(locale);
		}
		// Suspended first: no new sign-in slips in between the end and the suspension.
		this.suspended.suspend(username);
		int applications = end(username);
		audit.info("Administrator {} suspended account {} ({} applications signed out)", administrator.getName(),
				username, applications);
		return ResponseEntity.ok(state(username, applications));
	}

	@PostMapping("/admin/accounts/{username}/reinstate")
	ResponseEntity<?> reinstate(@PathVariable String username, Authentication administrator, Locale locale) {
		if (this.accounts.user(username).isEmpty()) {
			return unknown(locale);
		}
		this.suspended.reinstate(username);
		audit.info("Administrator {} reinstated account {}", administrator.getName(), username);
		return ResponseEntity.ok(state(username, 0));
	}

	private int end(String username) {
		this.ownSessions.end(username);
		return this.logout.endAll(username);
	}

	private Map<String, Object> state(String username, int applications) {
		return Map.of("username", username, "suspended", this.suspended.isSuspended(username), "applicationsSignedOut",
				applications);
	}

	private ResponseEntity<ProblemDetail> unknown(Locale locale) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				this.messages.getMessage("admin.unknown-account", null, locale));
		problem.setTitle(this.messages.getMessage("admin.unknown-account.title", null, locale));
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
	}

}
