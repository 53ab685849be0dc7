package ca.aiguillage.waitlist.admin;

import java.util.List;

import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.Http.Answer;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
@TestPropertySource(properties = { "spring.config.name=waitlist-service", "waitlist.timers.enabled=false" })
class IncidentRegisterIntegrationTests extends RunningService {

	private static final String PATH = "/api/v1/admin/incidents";

	@Autowired
	MongoOperations mongo;

	@Test
	void anAdministratorRecordsAnIncidentInQuebecTimeAndItIsKeptWithWhoAndWhen() {
		Answer recorded = this.http.postJson(PATH, incident("Courriel envoyé au mauvais partenaire", "false"));

		assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
		String id = recorded.json("$.id");
		assertThat(recorded.header("location")).endsWith(PATH + "/" + id);
		// 8 h 05 in Quebec in December is 13 h 05 UTC.
		assertThat(recorded.<String>json("$.details.noticedAt")).isEqualTo("2026-11-30T13:05:00Z");
		assertThat(recorded.<Integer>json("$.details.peopleConcerned")).isEqualTo(3);
		assertThat(recorded.<String>json("$.details.commissionNotifiedOn")).isNull();
		assertThat(recorded.<String>json("$.details.peopleNotifiedOn")).isEqualTo("2026-12-01");
		assertThat(recorded.<String>json("$.changes[0].kind")).isEqualTo("RECORDED");
		assertThat(recorded.<String>json("$.changes[0].by")).isEqualTo("admin");
		assertThat(this.http.get(PATH + "/" + id).<String>json("$.details.description"))
			.isEqualTo("Courriel envoyé au mauvais partenaire");
	}

	@Test
	void anEditKeepsTheReplacedDetailsWithWhoAndWhen() {
		String id = this.http.postJson(PATH, incident("Dossier imprimé oublié", "false")).json("$.id");

		Answer edited = this.http.putJson(PATH + "/" + id, incident("Dossier imprimé oublié dans une salle", "true"));

		assertThat(edited.status()).as(edited.body()).isEqualTo(200);
		assertThat(edited.<String>json("$.details.description")).isEqualTo("Dossier imprimé oublié dans une salle");
		assertThat(edited.<String>json("$.details.commissionNotifiedOn")).isEqualTo("2026-12-02");
		assertThat(edited.<List<String>>json("$.changes[*].kind")).containsExactly("RECORDED", "EDITED");
		assertThat(edited.<String>json("$.changes[1].by")).isEqualTo("admin");
		assertThat(edited.<String>json("$.changes[1].before.description")).isEqualTo("Dossier imprimé oublié");
		assertThat(this.http.putJson(PATH + "/nope", incident("x", "false")).status()).isEqualTo(404);
	}

	@Test
	void aMissingOrWrongFieldIsAFrenchProblemNamingItAndNothingIsStored() {
		long before = this.mongo.count(new org.springframework.data.mongodb.core.query.Query(), "incidents");
		String body = incident("Fuite", "true").replace("\"peopleConcerned\":3", "\"peopleConcerned\":-1")
			.replace("\"commissionNotifiedOn\":\"2026-12-02\"", "\"commissionNotifiedOn\":null")
			.replace("\"riskReason\":\"Aucune donnée clinique\"", "\"riskReason\":\" \"");

		Answer french = this.http.postJson(PATH, body);
		Answer english = this.http.postJson(PATH, body, "Accept-Language", "en");

		assertThat(french.status()).isEqualTo(400);
		assertThat(french.header("content-type")).startsWith("application/problem+json");
		assertThat(french.<List<String>>json("$.errors[*].field")).containsExactlyInAnyOrder("peopleConcerned",
				"riskReason", "commissionNotifiedOn");
		assertThat(french.<List<String>>json("$.errors[?(@.field == 'riskReason')].message"))
			.containsExactly("Ce champ est obligatoire.");
		assertThat(english.<List<String>>json("$.errors[?(@.field == 'peopleConcerned')].message"))
			.containsExactly("The value cannot be negative.");
		assertThat(this.mongo.count(new org.springframework.data.mongodb.core.query.Query(), "incidents"))
			.isEqualTo(before);
	}

	@Test
	void theRegisterExportsAsFormulaSafeCsvInFrenchWithQuebecTimes() {
		this.http.postJson(PATH, incident("=HYPERLINK(\\\"http://x\\\")", "false"));

		Answer csv = this.http.get(PATH, "Accept", "text/csv");

		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.header("content-type")).startsWith("text/csv");
		assertThat(csv.body()).startsWith("\"Constaté le\",\"Description\",\"Renseignements concernés\"");
		assertThat(csv.body()).contains("\"30 novembre 2026, 8 h 05\",\"'=HYPERLINK(\"\"http://x\"\")\"");
		assertThat(csv.body()).contains("\"non\"", "\"1 décembre 2026\"");
	}

	@Test
	void onlyAdministratorsReachTheRegister() {
		Http coordinator = this.anonymous.withToken(this.tokens.coordinator("org-laval"));

		assertThat(this.anonymous.get(PATH).status()).isEqualTo(401);
		assertThat(coordinator.get(PATH).status()).isEqualTo(403);
		assertThat(coordinator.postJson(PATH, incident("x", "false")).status()).isEqualTo(403);
		assertThat(this.anonymous.withToken(this.tokens.partner("clsc-ahuntsic")).get(PATH).status()).isEqualTo(403);
	}

	private static String incident(String description, String commissionNotified) {
		return """
				{"noticedAt":"2026-11-30T08:05","description":"%s","informationKind":"Nom et courriel",\
				"peopleConcerned":3,"seriousInjuryRisk":false,"riskReason":"Aucune donnée clinique",\
				"measures":"Le partenaire a détruit le courriel","commissionNotified":%s,\
				"commissionNotifiedOn":"2026-12-02","peopleNotified":true,"peopleNotifiedOn":"2026-12-01"}"""
			.formatted(description, commissionNotified);
	}

}
