package ca.aiguillage.fhir.task;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ca.aiguillage.fhir.conformance.FhirFormat;
import ca.aiguillage.fhir.conformance.FhirProblem;
import ca.aiguillage.fhir.intake.PartnerApi;
import ca.aiguillage.platform.security.Caller;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Task;
import org.jspecify.annotations.Nullable;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * A referral's Task: read, searched, and cancelled to withdraw the referral. A partner
 * sees only its own (another's reads exactly like an unknown id), an administrator all.
 */
@RestController
class TaskController {

	private static final Set<String> PARAMETERS = Set.of("based-on", "owner", "_lastUpdated", "_format", "_count");

	private final Tasks tasks;

	private final PartnerApi partnerApi;

	TaskController(Tasks tasks, PartnerApi partnerApi) {
		this.tasks = tasks;
		this.partnerApi = partnerApi;
	}

	@GetMapping("/fhir/Task/{id}")
	@PreAuthorize("hasAnyRole('PARTNER', 'ADMIN')")
	ResponseEntity<String> read(@PathVariable String id,
			@RequestParam(name = "_format", required = false) @Nullable String format,
			@RequestHeader(name = "Accept", required = false) @Nullable String accept) {
		return FhirFormat.of(format, accept).answer(200, TaskResource.of(visible(id)));
	}

	@GetMapping("/fhir/Task")
	@PreAuthorize("hasAnyRole('PARTNER', 'ADMIN')")
	ResponseEntity<String> search(@RequestParam Map<String, String> parameters,
			@RequestHeader(name = "Accept", required = false) @Nullable String accept) {
		for (String name : parameters.keySet()) {
			if (!PARAMETERS.contains(name)) {
				throw new FhirProblem(400,
						FhirProblem.Issue.of(IssueType.NOTSUPPORTED, name, "fhir.search.unknown-parameter"));
			}
		}
		Caller caller = Caller.current();
		String basedOn = parameters.get("based-on");
		String owner = parameters.get("owner");
		String lastUpdated = parameters.get("_lastUpdated");
		List<Tasks.Entry> found = this.tasks.search(caller.isAdmin() ? null : caller.partnerId(),
				(basedOn != null) ? strip(basedOn, "ServiceRequest/") : null,
				(owner != null) ? strip(owner, "Organization/") : null,
				(lastUpdated != null) ? lastUpdated(lastUpdated) : null);
		Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(found.size());
		// A Bundle entry's fullUrl is absolute.
		String base = ServletUriComponentsBuilder.fromCurrentContextPath().path("/fhir/Task/").toUriString();
		for (Tasks.Entry entry : found) {
			bundle.addEntry()
				.setFullUrl(base + entry.referralId())
				.setResource(TaskResource.of(entry))
				.getSearch()
				.setMode(Bundle.SearchEntryMode.MATCH);
		}
		return FhirFormat.of(parameters.get("_format"), accept).answer(200, bundle);
	}

	/**
	 * Updates a Task: only to cancel it, which withdraws the referral through the partner
	 * API with the caller's own token.
	 */
	@PutMapping("/fhir/Task/{id}")
	@PreAuthorize("hasAnyRole('PARTNER', 'ADMIN')")
	ResponseEntity<String> update(@PathVariable String id, @RequestBody String body,
			@RequestHeader(name = "Content-Type", required = false) @Nullable String contentType,
			@RequestParam(name = "_format", required = false) @Nullable String format,
			@RequestHeader(name = "Accept", required = false) @Nullable String accept) {
		Task update = FhirFormat.ofBody(contentType).read(Task.class, body);
		if (!id.equals(update.getIdElement().getIdPart())) {
			throw new FhirProblem(400, FhirProblem.Issue.of(IssueType.INVALID, "Task.id", "fhir.task.id-mismatch"));
		}
		if (update.getStatus() != Task.TaskStatus.CANCELLED) {
			throw new FhirProblem(422,
					FhirProblem.Issue.of(IssueType.BUSINESSRULE, "Task.status", "fhir.task.only-cancel"));
		}
		Tasks.Entry entry = visible(id);
		PartnerApi.Answer answer = this.partnerApi.withdraw(id);
		if (answer.status() == 404) {
			throw notFound();
		}
		if (!answer.succeeded()) {
			throw new FhirProblem((answer.status() >= 500) ? 502 : answer.status(),
					FhirProblem.Issue.text(IssueType.CONFLICT, "Task.status", String.valueOf(answer.body())));
		}
		// The withdrawal's event updates the projection shortly; the answer already says
		// it.
		return FhirFormat.of(format, accept).answer(200, TaskResource.of(entry, Stage.WITHDRAWN));
	}

	private Tasks.Entry visible(String id) {
		Caller caller = Caller.current();
		return this.tasks.find(id)
			.filter(entry -> caller.isAdmin() || caller.isPartner(entry.partnerId()))
			.orElseThrow(TaskController::notFound);
	}

	private static FhirProblem notFound() {
		return new FhirProblem(404, FhirProblem.Issue.of(IssueType.NOTFOUND, null, "fhir.not-found"));
	}

	private static String strip(String reference, String prefix) {
		return reference.startsWith(prefix) ? reference.substring(prefix.length()) : reference;
	}

	private static Criteria lastUpdated(String value) {
		if (value.length() < 3) {
			throw lastUpdatedProblem();
		}
		String prefix = value.substring(0, 2);
		Date at = Date.from(instant(value.substring(2)));
		Criteria field = where("lastUpdated");
		return switch (prefix) {
			case "gt" -> field.gt(at);
			case "ge" -> field.gte(at);
			case "lt" -> field.lt(at);
			case "le" -> field.lte(at);
			default -> throw lastUpdatedProblem();
		};
	}

	private static Instant instant(String value) {
		try {
			return (value.length() == 10) ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
					: OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw lastUpdatedProblem();
		}
	}

	private static FhirProblem lastUpdatedProblem() {
		return new FhirProblem(400,
				FhirProblem.Issue.of(IssueType.INVALID, "_lastUpdated", "fhir.search.last-updated"));
	}

}
