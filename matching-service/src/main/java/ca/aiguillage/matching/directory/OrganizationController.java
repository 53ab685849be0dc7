package ca.aiguillage.matching.directory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import ca.aiguillage.matching.network.Organization;
import ca.aiguillage.matching.network.Organizations;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The network's organizations by name, with the languages they can serve now, for
 * everyone signed in: names of organizations are not personal data.
 */
@RestController
@RequestMapping("/api/v1/organizations")
class OrganizationController {

	private final Organizations organizations;

	private final Therapists therapists;

	OrganizationController(Organizations organizations, Therapists therapists) {
		this.organizations = organizations;
		this.therapists = therapists;
	}

	@GetMapping
	@PreAuthorize("hasAnyRole('ADMIN', 'COORDINATOR', 'PARTNER')")
	List<OrganizationView> list() {
		// Only active therapists: one on leave serves no new client in their language.
		Map<String, Set<String>> languages = this.therapists.active()
			.stream()
			.collect(Collectors.groupingBy(Therapist::organizationId, Collectors
				.flatMapping(therapist -> therapist.languages().stream(), Collectors.toCollection(TreeSet::new))));
		return this.organizations.all()
			.stream()
			.map(organization -> OrganizationView.of(organization, languages.getOrDefault(organization.id(), Set.of())))
			.toList();
	}

	/**
	 * An organization as the API shows it.
	 *
	 * @param id the organization id
	 * @param name its display name
	 * @param serviceArea the postal-code prefixes it serves in person
	 * @param languages ISO 639-1 codes of the languages its active therapists work in,
	 * sorted
	 */
	record OrganizationView(String id, String name, List<String> serviceArea, List<String> languages) {

		static OrganizationView of(Organization organization, Set<String> languages) {
			return new OrganizationView(organization.id(), organization.name(), organization.serviceArea(),
					List.copyOf(new TreeSet<>(languages)));
		}

	}

}
