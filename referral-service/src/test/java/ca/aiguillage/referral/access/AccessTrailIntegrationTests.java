package ca.aiguillage.referral.access;

import java.time.LocalDate;

import ca.aiguillage.testing.Fixtures;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.RunningService;
import ca.aiguillage.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
@TestPropertySource(properties = "spring.config.name=referral-service")
class AccessTrailIntegrationTests extends RunningService {

	static final String TODAY = "/api/v1/access-trail?from=" + LocalDate.now().minusDays(1) + "&to="
			+ LocalDate.now().plusDays(1);

	@Test
	void everyCreationAndReadOfAReferralIsInTheAdministratorsCsvExport() {
		Http partner = this.anonymous.withToken(this.tokens.partner("clsc-trail"));
		String id = partner.postJson("/api/v1/referrals", Fixtures.repositoryFile("examples/referral.json"))
			.json("$.referralId");
		partner.get("/api/v1/referrals/" + id);

		Http.Answer csv = this.http.get(TODAY);

		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.header("Content-Type")).startsWith("text/csv");
		assertThat(csv.body()).startsWith("at,subject,roles,organization_id,partner_id,action,referral_id,purpose\r\n")
			.containsPattern("\"clsc-trail-records\",\"PARTNER\",,\"clsc-trail\",CREATE," + id + ",INTAKE")
			.containsPattern("\"clsc-trail-records\",\"PARTNER\",,\"clsc-trail\",READ," + id + ",FOLLOW_UP")
			.doesNotContain("Tremblay", "example.org");
	}

	@Test
	void aRangeBeforeAnyAccessExportsOnlyTheHeader() {
		Http.Answer csv = this.http.get("/api/v1/access-trail?from=2020-01-01&to=2020-01-31");

		assertThat(csv.body()).isEqualTo("at,subject,roles,organization_id,partner_id,action,referral_id,purpose\r\n");
	}

	@Test
	void rangeEndingBeforeItStartsIsRefused() {
		Http.Answer answer = this.http.get("/api/v1/access-trail?from=2026-02-01&to=2026-01-01");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.<java.util.List<String>>json("$.errors[*].field")).containsExactly("to");
	}

	@Test
	void theTrailCannotBeChangedOrDeletedThroughTheApi() {
		assertThat(this.http.call("DELETE", "/api/v1/access-trail", null).status()).isEqualTo(405);
		assertThat(this.http.call("PUT", "/api/v1/access-trail", "{}").status()).isEqualTo(405);
		assertThat(this.http.call("POST", "/api/v1/access-trail", "{}").status()).isEqualTo(405);
	}

}
