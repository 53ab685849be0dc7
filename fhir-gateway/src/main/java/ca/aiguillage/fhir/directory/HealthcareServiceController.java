package ca.aiguillage.fhir.directory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import ca.aiguillage.fhir.conformance.FhirFormat;
import ca.aiguillage.fhir.conformance.FhirProblem;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Each organization's service with its capacity now, read-only: names of organizations
 * and counts of places are not personal data.
 */
@RestController
class HealthcareServiceController {

	private static final Set<String> PARAMETERS = Set.of("organization", "language", "_format");

	private final Capacities capacities;

	private final Organizations organizations;

	HealthcareServiceController(Capacities capacities, Organizations organizations) {
		this.capacities = capacities;
		this.organizations = organizations;
	}

	@GetMapping("/fhir/HealthcareService/{id}")
	@PreAuthorize("hasAnyRole('PARTNER', 'COORDINATOR', 'ADMIN')")
	ResponseEntity<String> read(@PathVariable String id, @AuthenticationPrincipal Jwt caller,
			@RequestParam(name = "_format", required = false) @Nullable String format,
			@RequestHeader(name = "Accept", required = false) @Nullable String accept) {
		List<Capacities.Therapist> therapists = this.capacities.of(id);
		if (therapists.isEmpty()) {
			throw new FhirProblem(404, FhirProblem.Issue.of(IssueType.NOTFOUND, null, "fhir.not-found"));
		}
		return FhirFormat.of(format, accept)
			.answer(200, HealthcareServiceResource.of(id, therapists,
					this.organizations.all(caller.getTokenValue()).get(id)));
	}

	@GetMapping("/fhir/HealthcareService")
	@PreAuthorize("hasAnyRole('PARTNER', 'COORDINATOR', 'ADMIN')")
	ResponseEntity<String> search(@RequestParam Map<String, String> parameters, @AuthenticationPrincipal Jwt caller,
			@RequestHeader(name = "Accept", required = false) @Nullable String accept) {
		for (String name : parameters.keySet()) {
			if (!PARAMETERS.contains(name)) {
				throw new FhirProblem(400,
						FhirProblem.Issue.of(IssueType.NOTSUPPORTED, name, "fhir.search.unknown-parameter"));
			}
		}
		String organization = parameters.get("organization");
		String language = parameters.get("language");
		Map<String, List<Capacities.Therapist>> byOrganization = new LinkedHashMap<>();
		for (Capacities.Therapist therapist : this.capacities
			.of((organization != null) ? strip(organization, "Organization/") : null)) {
			byOrganization.computeIfAbsent(therapist.organizationId(), (key) -> new ArrayList<>()).add(therapist);
		}
		Map<String, Organizations.Organization> known = this.organizations.all(caller.getTokenValue());
		Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
		// A Bundle entry's fullUrl is absolute.
		String base = ServletUriComponentsBuilder.fromCurrentContextPath()
			.path("/fhir/HealthcareService/")
			.toUriString();
		byOrganization.forEach((organizationId, therapists) -> {
			HealthcareService service = HealthcareServiceResource.of(organizationId, therapists,
					known.get(organizationId));
			if (language == null || speaks(service, language)) {
				bundle.addEntry()
					.setFullUrl(base + organizationId)
					.setResource(service)
					.getSearch()
					.setMode(Bundle.SearchEntryMode.MATCH);
			}
		});
		bundle.setTotal(bundle.getEntry().size());
		return FhirFormat.of(parameters.get("_format"), accept).answer(200, bundle);
	}

	/** A language asked as {@code fr}, {@code fr-CA} or {@code urn:ietf:bcp:47|fr}. */
	private static boolean speaks(HealthcareService service, String language) {
		String asked = strip(language, "urn:ietf:bcp:47|").split("-")[0].toLowerCase(Locale.ROOT);
		return service.getCommunication()
			.stream()
			.anyMatch(concept -> concept.getCodingFirstRep().getCode().equals(asked));
	}

	private static String strip(String reference, String prefix) {
		return reference.startsWith(prefix) ? reference.substring(prefix.length()) : reference;
	}

}
