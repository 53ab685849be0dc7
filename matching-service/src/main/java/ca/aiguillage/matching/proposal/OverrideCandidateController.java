package ca.aiguillage.matching.proposal;

import java.util.List;

import ca.aiguillage.platform.security.Caller;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The override form's list: which therapists of the referral's organization a coordinator
 * may choose, and what each would break.
 */
@RestController
class OverrideCandidateController {

	private final OverrideCandidates candidates;

	OverrideCandidateController(OverrideCandidates candidates) {
		this.candidates = candidates;
	}

	@GetMapping("/api/v1/referrals/{referralId}/override-candidates")
	@PreAuthorize("hasAnyRole('ADMIN', 'COORDINATOR')")
	List<OverrideCandidates.OverrideCandidate> candidates(@PathVariable String referralId) {
		return this.candidates.of(referralId, Caller.current());
	}

}
