package ca.aiguillage.matching.directory;

import java.util.List;
import java.util.Map;

import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The organizations of the network, named and with the languages their active therapists
 * work in, for everyone signed in.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = { "spring.config.name=matching-service",
		"matching.network.organizations=classpath:matching/test-organizations.csv" })
class OrganizationsIntegrationTests extends RunningService {

	@Test
	void organizationsAreListedWithTheirNameServiceAreaAndTheLanguagesOfTheirActiveTherapists() {
		put("org-langs-t1", "org-langs", List.of("fr", "es"), true);
		put("org-langs-t2", "org-langs", List.of("en", "fr"), true);
		// On leave: the organization cannot serve Vietnamese now.
		put("org-langs-t3", "org-langs", List.of("vi"), false);

		Http.Answer answer = this.anonymous.withToken(this.tokens.coordinator("org-it-001"))
			.get("/api/v1/organizations");

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		List<Map<String, Object>> organizations = answer.json("$[?(@.id == 'org-langs')]");
		assertThat(organizations).singleElement().satisfies(organization -> {
			assertThat(organization).containsEntry("name", "Organisme des langues");
			assertThat(organization.get("serviceArea")).isEqualTo(List.of("H2", "H3"));
			assertThat(organization.get("languages")).isEqualTo(List.of("en", "es", "fr"));
		});
		assertThat(answer.<List<String>>json("$[*].id")).contains("auth-x", "org-it-001");
	}

	@Test
	void partnersAndAdministratorsReadTheOrganizationsAndAnonymousCallersDoNot() {
		assertThat(this.anonymous.withToken(this.tokens.partner("clsc-a")).get("/api/v1/organizations").status())
			.isEqualTo(200);
		assertThat(this.http.get("/api/v1/organizations").<List<String>>json("$[*].name")).contains("Organisme X");
		assertThat(this.anonymous.get("/api/v1/organizations").status()).isEqualTo(401);
	}

	private void put(String id, String organization, List<String> languages, boolean active) {
		Http.Answer answer = this.http.putJson("/api/v1/therapists/" + id, """
				{"organizationId": "%s", "firstName": "Nadia", "approaches": ["COGNITIVE_BEHAVIOURAL"],
				 "languages": [%s], "clienteles": ["ADULT"], "modalities": ["VIDEO"],
				 "availability": [{"day": "TUESDAY", "start": "10:00", "end": "12:00"}],
				 "places": 2, "lowFeePlaces": 0, "active": %s}
				""".formatted(organization, String.join(", ", languages.stream().map(l -> '"' + l + '"').toList()),
				active));
		assertThat(answer.status()).as(answer.body()).isIn(200, 201);
	}

}
