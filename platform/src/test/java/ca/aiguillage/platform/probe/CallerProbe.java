package ca.aiguillage.platform.probe;

import java.util.Map;

import ca.aiguillage.platform.security.Caller;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Answers who the platform says is calling, as every service's endpoints ask. */
@RestController
class CallerProbe {

	@GetMapping("/probe/caller")
	Map<String, Object> caller() {
		Caller caller = Caller.current();
		return Map.of("subject", caller.subject(), "organizations", caller.coordinatedOrganizations());
	}

}
