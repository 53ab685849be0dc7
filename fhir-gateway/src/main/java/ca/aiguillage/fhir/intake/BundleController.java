package ca.aiguillage.fhir.intake;

import java.util.ArrayList;
import java.util.List;

import ca.aiguillage.fhir.conformance.FhirFormat;
import ca.aiguillage.fhir.conformance.FhirProblem;
import ca.aiguillage.fhir.conformance.OperationOutcomes;
import ca.aiguillage.fhir.conformance.Validation;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /fhir}: a referral as a transaction Bundle, which becomes exactly the
 * referral the partner API would make, or an OperationOutcome naming each failing element
 * (and nothing stored).
 */
@RestController
class BundleController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Validation validation;

	private final PartnerApi partnerApi;

	private final OperationOutcomes outcomes;

	BundleController(Validation validation, PartnerApi partnerApi, OperationOutcomes outcomes) {
		this.validation = validation;
		this.partnerApi = partnerApi;
		this.outcomes = outcomes;
	}

	@PostMapping({ "/fhir", "/fhir/" })
	@PreAuthorize("hasAnyRole('PARTNER', 'ADMIN')")
	ResponseEntity<String> transaction(@RequestBody String body,
			@RequestHeader(name = "Content-Type", required = false) @Nullable String contentType,
			@RequestParam(name = "_format", required = false) @Nullable String format,
			@RequestHeader(name = "Accept", required = false) @Nullable String accept) {
		Bundle bundle = FhirFormat.ofBody(contentType).read(Bundle.class, body);
		this.validation.require(bundle);
		ReferralMapping.Mapped mapped = ReferralMapping.map(bundle);
		PartnerApi.Answer answer = this.partnerApi.submit(JSON.writeValueAsString(mapped.body()),
				mapped.idempotencyKey());
		if (!answer.succeeded()) {
			throw refused(answer, mapped);
		}
		return FhirFormat.of(format, accept)
			.answer(200, response(bundle, mapped, JSON.readTree(answer.body()), this.outcomes));
	}

	static Bundle response(Bundle request, ReferralMapping.Mapped mapped, JsonNode receipt,
			OperationOutcomes outcomes) {
		String referralId = receipt.path("referralId").asString();
		Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
		for (int i = 0; i < request.getEntry().size(); i++) {
			Bundle.BundleEntryResponseComponent entry = response.addEntry().getResponse().setStatus("201 Created");
			if (i == mapped.serviceRequestEntry()) {
				// The referral's id names both its ServiceRequest and the Task that
				// follows
				// it.
				entry.setLocation("ServiceRequest/" + referralId);
				entry.setOutcome(note(receipt, referralId, outcomes));
			}
		}
		return response;
	}

	private static OperationOutcome note(JsonNode receipt, String referralId, OperationOutcomes outcomes) {
		OperationOutcome note = new OperationOutcome();
		String status = receipt.path("status").asString();
		note.addIssue()
			.setSeverity(IssueSeverity.INFORMATION)
			.setCode(IssueType.INFORMATIONAL)
			.setDiagnostics(outcomes.message("fhir.received") + " Task/" + referralId);
		if ("REDIRECTED".equals(status)) {
			List<String> numbers = new ArrayList<>();
			receipt.path("crisisResources").forEach(number -> numbers.add(number.asString()));
			note.addIssue()
				.setSeverity(IssueSeverity.WARNING)
				.setCode(IssueType.INFORMATIONAL)
				.setDiagnostics(outcomes.message("fhir.redirected") + " " + String.join(", ", numbers));
		}
		if (receipt.hasNonNull("linkedTo")) {
			note.addIssue()
				.setSeverity(IssueSeverity.WARNING)
				.setCode(IssueType.DUPLICATE)
				.setDiagnostics(outcomes.message("fhir.linked"));
		}
		return note;
	}

	private static FhirProblem refused(PartnerApi.Answer answer, ReferralMapping.Mapped mapped) {
		JsonNode problem = (answer.body() == null || answer.body().isBlank()) ? JSON.createObjectNode()
				: JSON.readTree(answer.body());
		List<FhirProblem.Issue> issues = new ArrayList<>();
		for (JsonNode error : problem.path("errors")) {
			String code = error.path("code").asString();
			issues.add(FhirProblem.Issue.text(code.startsWith("required") ? IssueType.REQUIRED : IssueType.INVALID,
					mapped.element(error.path("field").asString()), error.path("message").asString()));
		}
		if (issues.isEmpty()) {
			IssueType type = switch (answer.status()) {
				case 409 -> IssueType.CONFLICT;
				case 401, 403 -> IssueType.FORBIDDEN;
				case 413 -> IssueType.TOOLONG;
				default -> (answer.status() >= 500) ? IssueType.TRANSIENT : IssueType.INVALID;
			};
			String detail = problem.path("detail").asString(problem.path("title").asString(""));
			if (detail.isBlank()) {
				return new FhirProblem(502,
						FhirProblem.Issue.of(IssueType.TRANSIENT, null, "fhir.referral-service.down"));
			}
			issues.add(FhirProblem.Issue.text(type, null, detail));
		}
		if (answer.status() == 503 && answer.retryAfter() != null) {
			// A refusal that passes (intake full): the partner is told when to send it
			// again, as referral-service told the gateway.
			return new FhirProblem(503, issues, answer.retryAfter());
		}
		return new FhirProblem((answer.status() >= 500) ? 502 : answer.status(), issues);
	}

}
