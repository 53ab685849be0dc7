package ca.aiguillage.waitlist.admin;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.web.NotFoundException;
import ca.aiguillage.waitlist.admin.Incidents.EditedMeanwhileException;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Administrators record, edit, read and export the confidentiality-incident register. */
@RestController
@RequestMapping("/api/v1/admin/incidents")
class IncidentController {

	private final Incidents incidents;

	private final IncidentRegister register;

	private final Clock clock;

	IncidentController(Incidents incidents, IncidentRegister register, Clock clock) {
		this.incidents = incidents;
		this.register = register;
		this.clock = clock;
	}

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	List<Incident> list() {
		administrator();
		return this.incidents.all();
	}

	@GetMapping(produces = "text/csv")
	ResponseEntity<String> csv() {
		administrator();
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header("Content-Disposition", "attachment; filename=\"registre-incidents.csv\"")
			.body(this.register.csv(LocaleContextHolder.getLocale()));
	}

	@GetMapping("/{id}")
	Incident one(@PathVariable String id) {
		administrator();
		return this.incidents.find(id).orElseThrow(() -> new NotFoundException("incident"));
	}

	@PostMapping
	ResponseEntity<Incident> record(@RequestBody IncidentRequest request) {
		Caller caller = administrator();
		Incident incident = this.incidents.record(request.details(this.clock), caller.subject());
		return ResponseEntity.created(URI.create("/api/v1/admin/incidents/" + incident.id())).body(incident);
	}

	@PutMapping("/{id}")
	Incident edit(@PathVariable String id, @RequestBody IncidentRequest request) {
		Caller caller = administrator();
		try {
			return this.incidents.edit(id, request.details(this.clock), caller.subject())
				.orElseThrow(() -> new NotFoundException("incident"));
		}
		catch (EditedMeanwhileException ex) {
			throw new ErrorResponseException(HttpStatus.CONFLICT);
		}
	}

	static Caller administrator() {
		Caller caller = Caller.current();
		if (!caller.isAdmin()) {
			throw new AccessDeniedException("the incident register is for administrators");
		}
		return caller;
	}

}
