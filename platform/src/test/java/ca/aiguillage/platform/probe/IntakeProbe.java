package ca.aiguillage.platform.probe;

import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Takes personal data as a service's intake does, and logs what a service logs of it: an
 * id, never the person.
 */
@RestController
class IntakeProbe {

	private static final Logger log = LoggerFactory.getLogger(IntakeProbe.class);

	@PostMapping("/probe/intake")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, String> accept(@RequestBody Person person) {
		String id = UUID.randomUUID().toString();
		log.info("Probe intake {} accepted", id);
		return Map.of("id", id);
	}

	record Person(String name, String email, String reason) {
	}

}
